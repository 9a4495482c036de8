//go:build boringcrypto

package edgecases
