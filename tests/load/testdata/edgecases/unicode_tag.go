//go:build café

package edgecases
