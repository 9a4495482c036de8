module example.com/slice-retain/go120

go 1.20
