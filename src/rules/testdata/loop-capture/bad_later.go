package loopcapture

import (
	"net/http"
	"testing"
	"time"

	"github.com/onsi/ginkgo/v2"
)

type spec struct {
	name  string
	pods  int
	every time.Duration
}

// Ginkgo runs spec bodies after the loop that registered them: each sees the last case.
func registerSpecs(cases []spec) {
	for _, c := range cases {
		ginkgo.It(c.name, func() {
			use(c.pods) // want `loop variable c captured by func literal \(kept by Ginkgo`
		})
	}
}

func registerSetup(cases []spec) {
	for _, c := range cases {
		ginkgo.BeforeEach(func() { use(c.pods) }) // want `loop variable c captured by func literal \(kept by Ginkgo`
	}
}

// A goroutine started on a call that takes the literal runs it while the loop goes on.
func startAll(cases []spec, stop <-chan struct{}) {
	for _, c := range cases {
		go every(func() { use(c.pods) }, c.every, stop) // want `loop variable c captured by func literal \(go\)`
	}
}

func timers(cases []spec) {
	for _, c := range cases {
		time.AfterFunc(c.every, func() { use(c.pods) }) // want `loop variable c captured by func literal \(run later by time.AfterFunc\)`
	}
}

func cleanups(t *testing.T, cases []spec) {
	for _, c := range cases {
		t.Cleanup(func() { use(c.pods) }) // want `loop variable c captured by func literal \(run by the test's Cleanup`
	}
}

func routes(mux *http.ServeMux, cases []spec) {
	for _, c := range cases {
		mux.HandleFunc("/"+c.name, func(w http.ResponseWriter, r *http.Request) { use(c.pods) }) // want `loop variable c captured by func literal \(kept as an HTTP handler\)`
	}
}

func every(f func(), d time.Duration, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case <-time.After(d):
			f()
		}
	}
}

func use(int) {}
