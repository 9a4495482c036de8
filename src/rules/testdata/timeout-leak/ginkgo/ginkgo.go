// Package ginkgo stands in for the test framework: Fail panics out of the running spec.
package ginkgo

func Fail(message string, callerSkip ...int) { panic(message) }

func GinkgoRecover() {}

func By(text string) {}
