// Command trapped sends the end-of-trial summaries the way the code review
// found it: deferred closures in a loop, counted by a WaitGroup. It never
// sends anything: Wait blocks until the deferred Done calls run, and they run
// only after main returns, so the runtime reports a deadlock.
package main

import (
	"fmt"
	"os"
	"sync"

	"gotrap.dev/examples/emails/trial"
)

func main() {
	mailer := trial.Mailer{Out: os.Stdout}
	var wg sync.WaitGroup
	for _, inv := range trial.Investigators() {
		wg.Add(1)
		defer func() { // trap: defer-in-loop
			mailer.SendSummary(inv) // trap: loop-capture
			wg.Done()
		}()
	}
	wg.Wait() // trap: wg-deferred-done
	fmt.Println("all summaries sent")
}
