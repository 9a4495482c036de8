module example.com/timeout-leak

go 1.21
