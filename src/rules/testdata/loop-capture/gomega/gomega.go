// Package gomega is a minimal stand-in with the shape of the real matcher library.
package gomega

// Assertion checks a value.
type Assertion struct{ actual interface{} }

// Expect wraps a value to check.
func Expect(actual interface{}) Assertion { return Assertion{actual} }

// To reports whether the value is not nil (enough for fixtures).
func (a Assertion) To(ok bool) bool { return ok && a.actual != nil }
