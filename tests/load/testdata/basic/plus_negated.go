// +build !windows,!plan9

package basic
