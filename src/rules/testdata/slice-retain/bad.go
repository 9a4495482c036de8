// Sub-slices of storage this function allocated that outlive the function.
package sliceretain

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// PatientVisit is 1040 bytes on amd64: a string header and a 1 KiB note.
type PatientVisit struct {
	ID    string
	Notes [1024]byte
}

func firstTen() []PatientVisit {
	all := make([]PatientVisit, 5000)
	for i := range all {
		all[i].ID = "V"
	}
	return all[:10] // want `returns 10 of 5000 PatientVisit \(about 5\.2 MB\).*alive`
}

func magic(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return data[:4], nil // want `alive`
}

type Cache struct {
	recent  []PatientVisit
	archive []PatientVisit
	entries map[string][]byte
}

func (c *Cache) keepRecent() {
	batch := make([]PatientVisit, 2000)
	c.recent = batch[len(batch)-5:] // want `alive`
}

func (c *Cache) remember(key string, r io.Reader) error {
	buf := make([]byte, 64<<10)
	n, err := r.Read(buf)
	if err != nil {
		return err
	}
	c.entries[key] = buf[:n] // want `alive`
	return nil
}

var lastHeader []byte

func sniff(r io.Reader) error {
	body, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	lastHeader = body[:64] // want `alive`
	return nil
}

func publish(out chan<- []PatientVisit) {
	rows := make([]PatientVisit, 1000)
	out <- rows[:3:3] // want `alive`
}

func analyseLater(done chan<- int) {
	all := make([]PatientVisit, 5000)
	sample := all[:10] // want `alive`
	go func() {
		done <- len(sample)
	}()
}

func title(path string) (string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	text := string(raw)
	return text[:80], nil // want `alive`
}

func collect(groups [][]byte) [][]byte {
	scratch := []byte("a fresh literal whose backing array is this function's own")
	groups = append(groups, scratch[2:7]) // want `alive`
	return groups
}

func loadBatch() []PatientVisit {
	return make([]PatientVisit, 5000)
}

func firstOfLoaded() []PatientVisit {
	batch := loadBatch()
	return batch[:3] // want `alive`
}

func label(id int) string {
	full := fmt.Sprintf("visit-%08d-%s", id, strings.Repeat("x", 4096))
	return full[:14] // want `alive`
}
