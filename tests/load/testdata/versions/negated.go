//go:build !go1.30

package versions
