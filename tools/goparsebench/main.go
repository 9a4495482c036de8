// Command goparsebench measures go/parser's throughput over a list of files, the same way
// bench/parse measures gotrap's: files are read first, then each round parses all of them and
// only the ParseFile calls are timed.
//
// Usage: goparsebench FILE_LIST [ROUNDS]
package main

import (
	"bufio"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"time"

	"gotrap.dev/tools/internal/cputime"
)

type source struct {
	path string
	text []byte
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: goparsebench FILE_LIST [ROUNDS]")
		os.Exit(2)
	}
	rounds := 3
	if len(os.Args) > 2 {
		if n, err := strconv.Atoi(os.Args[2]); err == nil && n > 0 {
			rounds = n
		}
	}
	sources, bytes, err := readSources(os.Args[1])
	if err != nil || len(sources) == 0 {
		fmt.Fprintln(os.Stderr, "goparsebench: no readable files:", err)
		os.Exit(2)
	}
	// The mode closest to what gotrap's parser does: keep comments, no object resolution.
	const mode = parser.ParseComments | parser.SkipObjectResolution
	best := time.Duration(1<<63 - 1)
	bestCPU := best
	failed := 0
	for r := 0; r < rounds; r++ {
		fset := token.NewFileSet()
		var total, cpu time.Duration
		failed = 0
		for _, s := range sources {
			cpuStart := cputime.Now()
			start := time.Now()
			_, err := parser.ParseFile(fset, s.path, s.text, mode)
			total += time.Since(start)
			cpu += cputime.Now() - cpuStart
			if err != nil {
				failed++
			}
		}
		best = min(best, total)
		bestCPU = min(bestCPU, cpu)
	}
	mb := float64(bytes) / 1e6
	fmt.Printf("go/parser: %d files, %.1f MB, best of %d rounds: wall %.3f s = %.1f MB/s, cpu %.3f s = %.1f MB/s (%d files with syntax errors)\n",
		len(sources), mb, rounds, best.Seconds(), mb/best.Seconds(), bestCPU.Seconds(), mb/bestCPU.Seconds(), failed)
	fmt.Printf("go_mb_per_s=%.1f\ngo_cpu_mb_per_s=%.1f\n", mb/best.Seconds(), mb/bestCPU.Seconds())
}

func readSources(listPath string) ([]source, int, error) {
	list, err := os.Open(listPath)
	if err != nil {
		return nil, 0, err
	}
	defer list.Close()
	var sources []source
	bytes := 0
	scanner := bufio.NewScanner(list)
	for scanner.Scan() {
		path := scanner.Text()
		if path == "" {
			continue
		}
		text, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		sources = append(sources, source{path, text})
		bytes += len(text)
	}
	return sources, bytes, scanner.Err()
}
