module example.com/http-no-timeout

go 1.21
