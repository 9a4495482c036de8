//go:build go1.21 || (linux && go1.23)

package versions
