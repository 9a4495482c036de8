//go:buildwindows

package edgecases
