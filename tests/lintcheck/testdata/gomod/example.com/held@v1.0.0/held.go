// Package held stands for a holdout module: its findings are reported apart and never triaged.
package held

import "os"

func CloseAll(names []string) {
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			continue
		}
		defer f.Close()
	}
}
