module example.com/ctx-background/go120

go 1.20
