// Package cputime reads the process's CPU time for the benchmark helpers: on a machine shared
// with other jobs it moves much less than wall time.
package cputime

import (
	"syscall"
	"time"
)

// Now is the process's user+system CPU time so far, garbage collection included.
func Now() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
