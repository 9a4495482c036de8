module example.com/namespaces

go 1.21
