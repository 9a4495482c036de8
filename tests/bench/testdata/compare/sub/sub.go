// Package sub is imported by nothing; the touched-file run may edit it.
package sub

// Twice doubles n.
func Twice(n int) int { return 2 * n }
