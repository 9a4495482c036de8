//go:build !cgo

package basic
