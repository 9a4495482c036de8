module example.com/timeout-leak

go 1.21

require github.com/onsi/ginkgo/v2 v2.0.0

replace github.com/onsi/ginkgo/v2 => ./ginkgo
