module example.com/defer-in-loop

go 1.21
