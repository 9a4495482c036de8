module example.com/ctx-in-loop

go 1.21
