module example.com/ctx-background

go 1.21
