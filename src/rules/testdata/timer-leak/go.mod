module example.com/timer-leak

go 1.21
