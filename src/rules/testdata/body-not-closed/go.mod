module example.com/body-not-closed

go 1.21
