// Package documentation files are ignored by go/build.
package documentation
