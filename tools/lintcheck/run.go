package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

// finding is the part of gotrap's JSON output the report uses.
type finding struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
	Fixes   []struct {
		Message string `json:"message"`
		Safe    bool   `json:"safe"`
		Edits   []struct {
			Path string `json:"path"`
		} `json:"edits"`
	} `json:"fixes"`
}

// result is one gotrap run over one module, as stored in the results directory.
type result struct {
	Module   string    `json:"module"`
	Status   int       `json:"status"` // gotrap's exit status (0 none, 1 findings, 2 error), -1 killed
	Stderr   string    `json:"stderr,omitempty"`
	WallSec  float64   `json:"wall_sec"`
	MaxRSSKB int64     `json:"max_rss_kb"`
	Findings []finding `json:"findings"`
}

func (r *result) failed() bool { return r.Status != 0 && r.Status != 1 }

// binaryID names a gotrap binary by the hash of its contents, so results can be reused for
// exactly the same binary and never for a rebuilt one.
func binaryID(bin string) (string, error) {
	f, err := os.Open(bin)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// runner runs one gotrap binary over modules and caches each result by binary and module.
type runner struct {
	bin      string
	cacheDir string // OUT/results/<binary id>
	rerun    bool
	timeout  time.Duration
	extra    []string // more gotrap flags
}

func newRunner(bin, out string, rerun bool, timeout time.Duration) (*runner, error) {
	abs, err := filepath.Abs(bin)
	if err != nil {
		return nil, err
	}
	id, err := binaryID(abs)
	if err != nil {
		return nil, fmt.Errorf("gotrap binary: %v", err)
	}
	return &runner{bin: abs, cacheDir: filepath.Join(out, "results", id), rerun: rerun, timeout: timeout}, nil
}

func (r *runner) cacheFile(m *module) string {
	return filepath.Join(r.cacheDir, flatName(m)+".json")
}

// run returns gotrap's findings on m, from the cache when this binary already ran on it.
func (r *runner) run(m *module) (*result, error) {
	cf := r.cacheFile(m)
	if !r.rerun {
		if data, err := os.ReadFile(cf); err == nil {
			var res result
			if json.Unmarshal(data, &res) == nil {
				return &res, nil
			}
		}
	}
	res := &result{Module: m.ID()}
	// --no-cache: gotrap's own result cache would turn the wall and RSS columns into warm-run
	// figures for any module this binary has already seen.
	args := append([]string{"--format", "json", "--no-cache"}, r.extra...)
	args = append(args, "./...")
	ctx, cancel := context.WithTimeout(context.Background(), r.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.bin, args...)
	cmd.Dir = m.Dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	res.WallSec = time.Since(start).Seconds()
	if ps := cmd.ProcessState; ps != nil {
		res.Status = ps.ExitCode()
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
			res.MaxRSSKB = ru.Maxrss // kilobytes on Linux
		}
	} else if err != nil {
		return nil, fmt.Errorf("%s: %v", m.ID(), err)
	}
	res.Stderr = tail(stderr.String(), 2000)
	if res.Status == 0 || res.Status == 1 {
		var out struct {
			Findings []finding `json:"findings"`
		}
		if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
			res.Status = 2
			res.Stderr += fmt.Sprintf("\nlintcheck: gotrap's JSON did not parse: %v", err)
		}
		res.Findings = out.Findings
	}
	if err := os.MkdirAll(r.cacheDir, 0o755); err != nil {
		return nil, err
	}
	data, _ := json.Marshal(res)
	if err := os.WriteFile(cf, data, 0o644); err != nil {
		return nil, err
	}
	return res, nil
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// runAll runs r over mods with jobs workers; results come back in manifest order.
func runAll(r *runner, mods []*module, jobs int, progress io.Writer) []*result {
	results := make([]*result, len(mods))
	var wg sync.WaitGroup
	next := make(chan int)
	var mu sync.Mutex
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				res, err := r.run(mods[i])
				if err != nil {
					res = &result{Module: mods[i].ID(), Status: -1, Stderr: err.Error()}
				}
				results[i] = res
				mu.Lock()
				fmt.Fprintf(progress, "  %-60s %4d findings %7.1f s %6d MB%s\n", mods[i].ID(), len(res.Findings),
					res.WallSec, res.MaxRSSKB/1024, map[bool]string{true: "  FAILED", false: ""}[res.failed()])
				mu.Unlock()
			}
		}()
	}
	for i := range mods {
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}
