// A package whose real name ends in _test.
package testnamed_test
