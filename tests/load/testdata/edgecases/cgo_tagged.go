//go:build linux

package edgecases

/*
#include <stdlib.h>
*/
import "C"
