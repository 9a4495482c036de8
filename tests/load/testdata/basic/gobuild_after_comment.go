// Copyright notice first.

/* a block comment */
//go:build plan9

package basic
