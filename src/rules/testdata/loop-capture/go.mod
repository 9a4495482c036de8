module example.com/loop-capture

go 1.21

require github.com/onsi/ginkgo/v2 v2.0.0

replace github.com/onsi/ginkgo/v2 => ./ginkgo

require github.com/onsi/gomega v1.0.0

replace github.com/onsi/gomega => ./gomega
