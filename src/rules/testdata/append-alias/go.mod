module example.com/append-alias

go 1.21
