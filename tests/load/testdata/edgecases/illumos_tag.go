//go:build solaris

package edgecases
