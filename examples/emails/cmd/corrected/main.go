// Command corrected sends one end-of-trial summary to every principal
// investigator: each send runs in its own goroutine with its own copy of the
// investigator, and Wait returns once all of them have finished.
package main

import (
	"fmt"
	"os"
	"sync"

	"gotrap.dev/examples/emails/trial"
)

// lockedWriter keeps concurrent mails from interleaving on stdout.
type lockedWriter struct {
	mu sync.Mutex
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return os.Stdout.Write(p)
}

func main() {
	mailer := trial.Mailer{Out: &lockedWriter{}}
	investigators := trial.Investigators()
	var wg sync.WaitGroup
	for _, inv := range investigators {
		wg.Add(1)
		go func(inv trial.Investigator) {
			defer wg.Done()
			mailer.SendSummary(inv)
		}(inv)
	}
	wg.Wait()
	fmt.Fprintf(os.Stderr, "%d summaries sent\n", len(investigators))
}
