// Command goastdump prints go/parser's syntax tree in gotrap's canonical dump format (see
// src/syntax/dump.h), so that the two parsers can be compared file by file.
//
//	goastdump FILE...                  dump each file, each introduced by "== PATH"
//	goastdump -hash [-files-from LIST] one line per file: "<fnv64 hex> PATH", "REJECT PATH" or
//	                                   "UNREADABLE PATH"
//	goastdump -errors FILE...          only the syntax errors, as PATH:LINE:COL: MESSAGE
//	goastdump -extract-snippets go/parser/short_test.go -snippets-dir DIR
//	                                   write go/parser's short test snippets to DIR, one file each
package main

import (
	"bufio"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"hash/fnv"

	"os"
	"reflect"
	"strconv"
	"strings"
)

func main() {
	hashOnly := flag.Bool("hash", false, "print a hash of each dump instead of the dump")
	errorsOnly := flag.Bool("errors", false, "print only syntax errors, as PATH:LINE:COL: MESSAGE")
	filesFrom := flag.String("files-from", "", "read file names from this file, one per line")
	unicodeTables := flag.Bool("unicode-tables", false, "print the C++ letter/digit tables used by gotrap's scanner")
	snippetsFrom := flag.String("extract-snippets", "", "write the valids/invalids snippets of this go/parser test file into -snippets-dir")
	snippetsDir := flag.String("snippets-dir", "", "directory for -extract-snippets")
	flag.Parse()
	if *snippetsFrom != "" {
		if err := extractSnippets(*snippetsFrom, *snippetsDir); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		return
	}
	if *unicodeTables {
		printUnicodeTables(os.Stdout)
		return
	}
	files := flag.Args()
	if *filesFrom != "" {
		data, err := os.ReadFile(*filesFrom)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if line != "" {
				files = append(files, line)
			}
		}
	}
	out := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer out.Flush()
	status := 0
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			if *hashOnly {
				fmt.Fprintf(out, "UNREADABLE %s\n", path)
			}
			status = 2
			continue
		}
		fset := token.NewFileSet()
		f, perr := parser.ParseFile(fset, path, src, parser.ParseComments|parser.SkipObjectResolution)
		if *errorsOnly {
			if list, ok := perr.(scanner.ErrorList); ok {
				for _, e := range list {
					fmt.Fprintln(out, e.Error())
				}
			}
			continue
		}
		if *hashOnly {
			if perr != nil {
				fmt.Fprintf(out, "REJECT %s\n", path)
				continue
			}
			h := fnv.New64a()
			w := bufio.NewWriterSize(h, 1<<16)
			dumpFile(w, fset, f)
			w.Flush()
			fmt.Fprintf(out, "%016x %s\n", h.Sum64(), path)
			continue
		}
		fmt.Fprintf(out, "== %s\n", path)
		if perr != nil {
			fmt.Fprintf(out, "REJECT %v\n", perr)
			status = 1
			continue
		}
		dumpFile(out, fset, f)
	}
	out.Flush()
	os.Exit(status)
}

type dumper struct {
	w    *bufio.Writer
	base int
}

func dumpFile(w *bufio.Writer, fset *token.FileSet, f *ast.File) {
	d := dumper{w: w, base: fset.File(f.FileStart).Base()}
	d.node(reflect.ValueOf(f), 0, "")
}

var (
	posType     = reflect.TypeOf(token.Pos(0))
	tokenType   = reflect.TypeOf(token.Token(0))
	chanDirType = reflect.TypeOf(ast.ChanDir(0))
)

// Fields that are not syntax, or are derived from other fields.
var skipped = map[string]bool{"Obj": true, "Scope": true, "Unresolved": true, "Imports": true}

// maxIndent matches kMaxIndent in src/syntax/dump.cpp: deeper lines print "@<depth> " instead of
// spaces, so degenerate trees do not produce quadratic output.
const maxIndent = 64

func (d *dumper) indent(depth int) {
	if depth > maxIndent {
		d.w.WriteString("@" + strconv.Itoa(depth) + " ")
		return
	}
	for i := 0; i < depth; i++ {
		d.w.WriteByte(' ')
	}
}

// node prints one node line (kind and scalar fields), then its child fields one level deeper.
func (d *dumper) node(v reflect.Value, depth int, label string) {
	if v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	s := v.Elem()
	t := s.Type()
	d.indent(depth)
	d.w.WriteString(label)
	d.w.WriteString(t.Name())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if skipped[f.Name] {
			continue
		}
		fv := s.Field(i)
		switch {
		case f.Type == posType:
			d.w.WriteString(" " + f.Name + "=")
			if p := token.Pos(fv.Int()); p.IsValid() {
				d.w.WriteString(strconv.Itoa(int(p) - d.base))
			} else {
				d.w.WriteByte('-')
			}
		case f.Type == tokenType:
			d.w.WriteString(" " + f.Name + "=" + token.Token(fv.Int()).String())
		case f.Type == chanDirType:
			d.w.WriteString(" " + f.Name + "=" + strconv.Itoa(int(fv.Int())))
		case f.Type.Kind() == reflect.String:
			d.w.WriteString(" " + f.Name + "=")
			quote(d.w, fv.String())
		case f.Type.Kind() == reflect.Bool:
			d.w.WriteString(" " + f.Name + "=" + strconv.FormatBool(fv.Bool()))
		}
	}
	d.w.WriteByte('\n')
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if skipped[f.Name] {
			continue
		}
		fv := s.Field(i)
		switch fv.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !fv.IsNil() {
				d.node(fv, depth+1, f.Name+": ")
			}
		case reflect.Slice:
			if fv.Len() > 0 {
				d.indent(depth + 1)
				d.w.WriteString(f.Name + ": [" + strconv.Itoa(fv.Len()) + "]\n")
				for j := 0; j < fv.Len(); j++ {
					d.node(fv.Index(j), depth+2, "")
				}
			}
		}
	}
}

// quote writes s in double quotes: printable ASCII as is, '"' and '\\' escaped, every other byte
// as \xHH. Deliberately simpler than strconv.Quote so the C++ side can match it byte for byte.
func quote(w *bufio.Writer, s string) {
	const hex = "0123456789abcdef"
	w.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			w.WriteByte('\\')
			w.WriteByte(c)
		case c >= 0x20 && c < 0x7f:
			w.WriteByte(c)
		default:
			w.WriteString(`\x`)
			w.WriteByte(hex[c>>4])
			w.WriteByte(hex[c&15])
		}
	}
	w.WriteByte('"')
}
