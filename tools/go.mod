module gotrap.dev/tools

go 1.26
