module example.com/timer-leak/go123

go 1.23
