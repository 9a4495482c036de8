package edgecases

import "os"

import (
	"C"
)

var _ = os.Args
