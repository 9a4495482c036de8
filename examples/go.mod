module gotrap.dev/examples

go 1.21
