package main

import (
	"archive/zip"
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"unicode"
)

// module is one line of the manifest: a module version and whether it is held out, or only a
// dependency whose source gotrap reads for the checked modules (fetched, never checked).
type module struct {
	Path    string
	Version string
	Holdout bool
	Dep     bool
	Kind    string

	Dir      string // source root, once fetched
	GoLine   string // the go directive of its go.mod ("" when it has none)
	Released string // YYYY-MM-DD from the proxy's .info file
}

func (m *module) ID() string { return m.Path + "@" + m.Version }

// readManifest reads "module version set kind" lines (tab or space separated; # comments); set
// is dev, holdout or dep.
func readManifest(file string) ([]*module, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var mods []*module
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Fields(line)
		if len(fs) < 3 || (fs[2] != "dev" && fs[2] != "holdout" && fs[2] != "dep") {
			return nil, fmt.Errorf("%s:%d: want 'module version dev|holdout|dep [kind]'", file, n)
		}
		m := &module{Path: fs[0], Version: fs[1], Holdout: fs[2] == "holdout", Dep: fs[2] == "dep"}
		if len(fs) > 3 {
			m.Kind = fs[3]
		}
		if seen[m.ID()] {
			return nil, fmt.Errorf("%s:%d: %s listed twice", file, n, m.ID())
		}
		seen[m.ID()] = true
		mods = append(mods, m)
	}
	return mods, sc.Err()
}

// escapePath applies the module cache's case encoding: an upper-case letter becomes '!' and
// its lower case, so that module paths differing only in case get distinct directories.
func escapePath(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsUpper(r) {
			b.WriteByte('!')
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// flatName turns module@version into one file name ('%' cannot occur in module paths).
func flatName(m *module) string { return strings.ReplaceAll(escapePath(m.ID()), "/", "%") }

// locate sets m.Dir, downloading the module into gomodcache when it is not there yet. A module
// whose go line is newer than the local toolchain is downloaded but not extracted by the go
// command (GOTOOLCHAIN=local); its zip is then extracted beside the cache by hand.
func locate(m *module, gomodcache string, offline bool) error {
	esc := escapePath(m.Path) + "@" + escapePath(m.Version)
	dl := filepath.Join(gomodcache, "cache", "download", escapePath(m.Path), "@v", escapePath(m.Version))
	candidates := []string{
		filepath.Join(gomodcache, esc),
		filepath.Join(gomodcache, "..", "gomod-unzipped", esc),
	}
	find := func() bool {
		for _, d := range candidates {
			if st, err := os.Stat(d); err == nil && st.IsDir() {
				m.Dir = d
				return true
			}
		}
		return false
	}
	if !find() {
		if offline {
			return fmt.Errorf("%s is not in %s and downloads are off", m.ID(), gomodcache)
		}
		cmd := exec.Command("go", "mod", "download", "-json", m.ID())
		cmd.Env = append(os.Environ(), "GOMODCACHE="+gomodcache, "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod")
		cmd.Dir = os.TempDir()
		out, _ := cmd.Output() // the JSON says what went wrong
		var res struct{ Dir, Zip, Error string }
		if err := json.Unmarshal(out, &res); err != nil {
			return fmt.Errorf("go mod download %s: %v: %s", m.ID(), err, out)
		}
		switch {
		case res.Dir != "":
			m.Dir = res.Dir
		case res.Zip != "" && strings.Contains(res.Error, "requires go"):
			if err := unzipModule(res.Zip, m, candidates[1]); err != nil {
				return err
			}
			m.Dir = candidates[1]
		default:
			return fmt.Errorf("go mod download %s: %s", m.ID(), res.Error)
		}
	}
	if info, err := os.ReadFile(dl + ".info"); err == nil {
		var i struct{ Time string }
		if json.Unmarshal(info, &i) == nil && len(i.Time) >= 10 {
			m.Released = i.Time[:10]
		}
	}
	if gomod, err := os.ReadFile(filepath.Join(m.Dir, "go.mod")); err == nil {
		for _, l := range strings.Split(string(gomod), "\n") {
			if fs := strings.Fields(l); len(fs) == 2 && fs[0] == "go" {
				m.GoLine = fs[1]
				break
			}
		}
	}
	return nil
}

// unzipModule extracts a module zip (entries prefixed "path@version/") into dir.
func unzipModule(zipFile string, m *module, dir string) error {
	r, err := zip.OpenReader(zipFile)
	if err != nil {
		return err
	}
	defer r.Close()
	tmp := dir + ".partial"
	os.RemoveAll(tmp)
	prefix := m.Path + "@" + m.Version + "/"
	for _, f := range r.File {
		name, ok := strings.CutPrefix(f.Name, prefix)
		if !ok || strings.Contains(name, "..") || strings.HasSuffix(f.Name, "/") {
			continue
		}
		dst := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		in, err := f.Open()
		if err != nil {
			return err
		}
		out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o444)
		if err == nil {
			_, err = io.Copy(out, in)
			out.Close()
		}
		in.Close()
		if err != nil {
			return err
		}
	}
	return os.Rename(tmp, dir)
}

// goSourceBytes sums the sizes of the .go files below dir.
func goSourceBytes(dir string) (bytes int64, files int) {
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".go") {
			if info, err := d.Info(); err == nil {
				bytes += info.Size()
				files++
			}
		}
		return nil
	})
	return bytes, files
}

// goLineBefore reports whether a go line names a version below 1.minor (no go line counts
// as old: the go command then assumes an old language version).
func goLineBefore(goLine string, minor int) bool {
	if goLine == "" {
		return true
	}
	var major, min int
	if _, err := fmt.Sscanf(goLine, "%d.%d", &major, &min); err != nil {
		return false
	}
	return major == 1 && min < minor
}
