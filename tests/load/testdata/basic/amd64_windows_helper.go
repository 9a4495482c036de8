// Only the last elements count: "helper" is not a GOOS/GOARCH.
package basic
