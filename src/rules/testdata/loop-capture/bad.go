// Go 1.21: one variable per loop, so closures that run after the iteration
// see whatever value the loop has moved on to.
package loopcapture

import (
	"fmt"
	"sync"

	"example.com/loop-capture/errgroup"
)

type Doctor struct {
	Name  string
	Email string
}

func send(to string) error {
	fmt.Println("mail to", to)
	return nil
}

func deferred(doctors []Doctor) {
	for _, d := range doctors {
		defer func() {
			send(d.Email) // want `loop variable d`
		}()
	}
}

func goroutineNotLast(doctors []Doctor, wg *sync.WaitGroup) {
	for _, d := range doctors {
		wg.Add(1)
		go func() {
			defer wg.Done()
			send(d.Email) // want `loop variable d`
		}()
		fmt.Println("queued")
	}
}

func counted(n int, wg *sync.WaitGroup) {
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println(i) // want `loop variable i`
		}()
	}
}

func grouped(doctors []Doctor) error {
	var g errgroup.Group
	for _, d := range doctors {
		g.Go(func() error {
			return send(d.Email) // want `loop variable d`
		})
	}
	return g.Wait()
}

func stored(doctors []Doctor) []func() error {
	var jobs []func() error
	for _, d := range doctors {
		jobs = append(jobs, func() error {
			return send(d.Email) // want `loop variable d`
		})
	}
	return jobs
}

func keyed(doctors map[string]Doctor) map[string]func() error {
	byName := map[string]func() error{}
	for name, d := range doctors {
		byName[name] = func() error {
			return send(d.Email) // want `loop variable d`
		}
	}
	return byName
}

type Notifier struct {
	onDone func()
}

func (n *Notifier) lastWins(doctors []Doctor) {
	for _, d := range doctors {
		n.onDone = func() {
			send(d.Email) // want `loop variable d`
		}
	}
}

func addresses(doctors []Doctor) []*Doctor {
	var out []*Doctor
	for _, d := range doctors {
		out = append(out, &d) // want `loop variable d`
	}
	return out
}

func lastOnly(doctors []Doctor) func() error {
	var notify func() error
	for _, d := range doctors {
		notify = func() error {
			return send(d.Email) // want `loop variable d`
		}
	}
	return notify
}

// The break is only on one path: other iterations go on and change d under the deferred literal.
func someCleanups(doctors []Doctor, release func(string)) {
	for _, d := range doctors {
		defer func() { release(d.Name) }() // want `loop variable d`
		if d.Name == "stop" {
			break
		}
	}
}
