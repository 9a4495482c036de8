package emails_test

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"gotrap.dev/examples/emails/trial"
)

func goTool(t *testing.T) string {
	if path, err := exec.LookPath("go"); err == nil {
		return path
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}

// build compiles one of the email commands and returns the binary's path.
func build(t *testing.T, name string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), name)
	out, err := exec.Command(goTool(t), "build", "-o", bin, "./cmd/"+name).CombinedOutput()
	if err != nil {
		t.Fatalf("go build %s: %v\n%s", name, err, out)
	}
	return bin
}

// run executes a binary with a time limit and returns stdout, stderr and its error.
func run(t *testing.T, bin string) (string, string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s did not finish within the time limit", bin)
	}
	return stdout.String(), stderr.String(), err
}

func TestTrappedProgramDeadlocks(t *testing.T) {
	stdout, stderr, err := run(t, build(t, "trapped"))
	exit, ok := err.(*exec.ExitError)
	if !ok || exit.ExitCode() == 0 {
		t.Fatalf("want a failing exit, got %v", err)
	}
	if !strings.Contains(stderr, "all goroutines are asleep - deadlock!") {
		t.Fatalf("stderr lacks the deadlock report:\n%s", stderr)
	}
	if strings.Contains(stdout, "To:") {
		t.Fatalf("no mail can be sent before the deadlock, got:\n%s", stdout)
	}
}

func TestCorrectedProgramMailsEveryInvestigatorOnce(t *testing.T) {
	stdout, stderr, err := run(t, build(t, "corrected"))
	if err != nil {
		t.Fatalf("corrected program failed: %v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	investigators := trial.Investigators()
	if len(lines) != len(investigators) {
		t.Fatalf("%d mails sent, want %d:\n%s", len(lines), len(investigators), stdout)
	}
	for _, inv := range investigators {
		want := "To: " + inv.Name + " <" + inv.Email + "> Subject: trial closed, summary for site " + inv.Site
		count := 0
		for _, line := range lines {
			if line == want {
				count++
			}
		}
		if count != 1 {
			t.Errorf("%s received %d summaries, want 1", inv.Email, count)
		}
	}
}
