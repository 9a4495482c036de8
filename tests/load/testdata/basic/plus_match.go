// +build linux,amd64 darwin

package basic
