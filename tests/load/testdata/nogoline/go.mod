// No go line: the go tool assumes go 1.16.
module example.com/nogoline
