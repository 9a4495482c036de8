// +build windows

package edgecases
