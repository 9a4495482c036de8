//go:build gc && !gccgo && go1.18 && amd64.v1

package basic
