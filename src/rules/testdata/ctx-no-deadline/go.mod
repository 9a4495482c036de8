module example.com/ctx-no-deadline

go 1.21
