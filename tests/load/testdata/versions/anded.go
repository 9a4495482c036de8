//go:build linux && go1.24

package versions
