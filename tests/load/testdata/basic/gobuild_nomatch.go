//go:build windows || (linux && 386)

package basic
