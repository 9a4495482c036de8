//go:build !windows && !(darwin || ios)

package edgecases
