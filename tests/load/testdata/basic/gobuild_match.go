//go:build linux && (amd64 || arm64) && !windows

package basic
