module example.com/wg-add-in-goroutine

go 1.21
