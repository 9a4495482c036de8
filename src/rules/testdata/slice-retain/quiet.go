// Look-alikes that must stay quiet: copies, local use, borrowed storage.
package sliceretain

import (
	"bytes"
	"os"
	"slices"
	"strings"
)

func copied() []PatientVisit {
	all := make([]PatientVisit, 5000)
	out := make([]PatientVisit, 10)
	copy(out, all[:10])
	return out
}

func appended() []PatientVisit {
	all := make([]PatientVisit, 5000)
	return append([]PatientVisit(nil), all[:10]...)
}

func clonedSlice() []PatientVisit {
	all := make([]PatientVisit, 5000)
	return slices.Clone(all[:10])
}

func clonedBytes(path string) []byte {
	data, _ := os.ReadFile(path)
	return bytes.Clone(data[:4])
}

func clonedString(path string) string {
	raw, _ := os.ReadFile(path)
	text := string(raw)
	return strings.Clone(text[:80])
}

func convertedToString(path string) string {
	raw, _ := os.ReadFile(path)
	return string(raw[:80])
}

func staysLocal() int {
	all := make([]PatientVisit, 5000)
	total := 0
	for _, v := range all[:10] {
		total += len(v.ID)
	}
	return total
}

// The caller owns b: trimming it hands back nothing new.
func header(b []byte) []byte {
	return b[:4]
}

func (c *Cache) trimRecent() {
	c.recent = c.recent[1:]
}

// The whole batch stays in use, so the window pins nothing extra.
func (c *Cache) keepBoth() {
	batch := make([]PatientVisit, 2000)
	c.archive = batch
	c.recent = batch[:5]
}

func firstAndAll() ([]PatientVisit, []PatientVisit) {
	all := make([]PatientVisit, 5000)
	return all, all[:10]
}

func prefixOf(s string) string {
	return s[:3]
}

var table = make([]PatientVisit, 100)

// The package owns table for the whole run: re-slicing it frees nothing.
func firstRows() []PatientVisit {
	return table[:5]
}

func sentCopy(out chan<- []PatientVisit) {
	rows := make([]PatientVisit, 1000)
	out <- append([]PatientVisit(nil), rows[:3]...)
}
