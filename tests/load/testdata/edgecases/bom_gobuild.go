//go:build windows

package edgecases
