module example.com/nil-ctx

go 1.21

require golang.org/x/net v0.0.0

replace golang.org/x/net => ./xnet
