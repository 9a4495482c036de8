module example.com/wg-copy

go 1.21
