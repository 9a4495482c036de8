module example.com/wg-done-missing

go 1.21
