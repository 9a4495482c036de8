package dotimport

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// Both frameworks dot-imported: It is Ginkgo's, which keeps the body to run with the specs.
var _ = Describe("durations", func() {
	for _, c := range []struct {
		name string
		pods int
	}{{name: "short"}, {name: "long"}} {
		It("is valid for "+c.name, func() {
			Expect(c.pods).To(true) // want `loop variable c captured by func literal \(kept by Ginkgo`
		})
	}
})
