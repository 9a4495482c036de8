// +build linux
// +build windows

package basic
