// Command semadump prints what go/types resolves in the standard library, in the same line format
// as `gotrap debug uses` / `gotrap debug types`, and compares the two outputs.
//
//	semadump dump -root DIR -uses U.txt -types T.txt   type-check every package under DIR
//	semadump compare GOTRAP_USES GO_USES GOTRAP_TYPES GO_TYPES
//
// Uses lines:  file:line:col -> file:line:col | importpath.Name | importpath.Type.Member | universe.Name
// Types lines: file:line:col-endline:endcol type   (types.TypeString qualified by import path)
// File paths are printed relative to the root directory.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	switch os.Args[1] {
	case "dump":
		os.Exit(runDump(os.Args[2:]))
	case "compare":
		os.Exit(runCompare(os.Args[2:]))
	}
	usage()
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: semadump dump -root DIR -uses FILE -types FILE | semadump compare GOTRAP_USES GO_USES GOTRAP_TYPES GO_TYPES")
	os.Exit(2)
}
