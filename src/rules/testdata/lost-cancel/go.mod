module example.com/lost-cancel

go 1.21
