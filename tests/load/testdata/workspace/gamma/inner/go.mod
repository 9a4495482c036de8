module example.com/gamma/inner

go 1.22
