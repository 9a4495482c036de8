//go:build go1.23 || linux

package versions
