package edgecases

var x = 1

import "C"
