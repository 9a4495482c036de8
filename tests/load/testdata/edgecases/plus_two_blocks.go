// +build linux

// +build windows

package edgecases
