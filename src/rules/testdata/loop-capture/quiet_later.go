package loopcapture

import (
	"time"

	"github.com/onsi/ginkgo/v2"
)

// Quiet: Describe runs its body while the tree is built, inside the iteration.
func describeAll(cases []spec) {
	for _, c := range cases {
		ginkgo.Describe(c.name, func() { use(c.pods) })
	}
}

// Quiet: each iteration copies the variable before registering the spec.
func registerCopied(cases []spec) {
	for _, c := range cases {
		c := c
		ginkgo.It(c.name, func() { use(c.pods) })
	}
}

// Quiet: a function of this package named like a Ginkgo node that calls its body right away.
func It(name string, body func()) { body() }

func localIt(cases []spec) {
	for _, c := range cases {
		It(c.name, func() { use(c.pods) })
	}
}

// Quiet: the goroutine is waited for before the next iteration.
func startWaited(cases []spec) {
	for _, c := range cases {
		done := make(chan struct{})
		go run(func() { use(c.pods) }, done)
		<-done
	}
}

// Quiet: the timer's callback reads only its own copy.
func timersCopied(cases []spec) {
	for _, c := range cases {
		pods := c.pods
		time.AfterFunc(c.every, func() { use(pods) })
	}
}

func run(f func(), done chan<- struct{}) {
	f()
	close(done)
}
