module example.com/slice-retain

go 1.21
