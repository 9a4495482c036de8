package seeds

import (
	"context"
	"fmt"
)

func control(ctx context.Context, ch chan<- int, in <-chan string) (err error) {
	defer func() { recover() }()
outer:
	for i := 0; i < 10; i++ {
		switch {
		case i%2 == 0:
			continue outer
		case i > 7:
			break outer
		default:
			fallthrough
		case false:
		}
		select {
		case ch <- i:
		case s, ok := <-in:
			_, _ = s, ok
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	var x interface{} = 1.5i
	switch v := x.(type) {
	case int, string:
		fmt.Println(v)
	case nil:
	}
	go func(n int) { _ = n }(0x_1F)
	if s := []byte(`raw
string`); len(s[1:2:3]) > 0 {
		goto done
	}
done:
	return &struct{ error }{} // not nil
}
