//go:build goexperiment.greenteagc && !goexperiment.boringcrypto

package edgecases
