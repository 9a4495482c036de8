// +build windows
// Package doc directly attached.
package edgecases
