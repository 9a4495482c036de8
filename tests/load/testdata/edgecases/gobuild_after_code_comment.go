/* x */ //go:build windows

package edgecases
