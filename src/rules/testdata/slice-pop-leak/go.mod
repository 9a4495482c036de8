module example.com/slice-pop-leak

go 1.21
