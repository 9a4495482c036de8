module example.com/rb

go 1.21
