module example.com/loop-capture

go 1.21
