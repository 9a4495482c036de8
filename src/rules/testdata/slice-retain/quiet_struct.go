package sliceretain

import "io"

// A response the function made, filled from its own reused buffer and handed to a callback
// that runs before the buffer is refilled: the window lives no longer than the buffer does.
type chunk struct{ Raw []byte }

func streamChunks(send func(*chunk) error, next func([]byte) int) error {
	buf := make([]byte, 256*1024)
	off := 0
	resp := &chunk{}
	flush := func() error {
		if off == 0 {
			return nil
		}
		resp.Raw = buf[:off]
		err := send(resp)
		off = 0
		return err
	}
	for {
		n := next(buf[off:])
		if n == 0 {
			return flush()
		}
		off += n
		if off == len(buf) {
			if err := flush(); err != nil {
				return err
			}
		}
	}
}

// The same with a struct value, filled in place and passed on.
func sendValue(send func(chunk), r io.Reader) {
	buf := make([]byte, 64*1024)
	n, _ := r.Read(buf)
	c := chunk{}
	c.Raw = buf[:n]
	send(c)
}
