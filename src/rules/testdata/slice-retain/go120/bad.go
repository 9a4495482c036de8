// Go 1.20: slices.Clone does not exist yet, strings.Clone does.
package sliceretain

import "os"

type Reading struct {
	Sensor string
	Values [64]float64
}

func latest() []Reading {
	all := make([]Reading, 300)
	return all[len(all)-2:] // want `alive`
}

func prefix(path string) (string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	s := string(raw)
	return s[:16], nil // want `alive`
}
