module example.com/http-server-timeout

go 1.21
