// Package vetfail has a printf mistake go vet reports before any fix, and a loop-capture fix
// that moves it down a line: the fix check must not blame the fix for it.
package vetfail

import "fmt"

func Report(items []string) []func() {
	var fs []func()
	for _, it := range items {
		fs = append(fs, func() { fmt.Println(it) })
	}
	fmt.Printf("%d items\n", "many")
	return fs
}
