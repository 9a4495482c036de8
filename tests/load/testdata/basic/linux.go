// No underscore: the whole name is not a GOOS suffix.
package basic
