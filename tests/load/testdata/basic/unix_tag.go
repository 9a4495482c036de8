//go:build unix

package basic
