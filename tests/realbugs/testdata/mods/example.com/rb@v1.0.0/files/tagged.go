//go:build smoketag

package files

import "os"

// ReadTagged is only built with the smoketag build tag; its loop defers every Close.
func ReadTagged(paths []string) error {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
	}
	return nil
}
