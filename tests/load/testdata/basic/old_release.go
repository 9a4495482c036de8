//go:build go1.1 && go1.26

package basic
