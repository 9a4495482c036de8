package sliceretain

import "io"

// The fresh struct holding the window outlives the function.
func returnedChunk(r io.Reader) *chunk {
	buf := make([]byte, 256*1024)
	n, _ := r.Read(buf)
	resp := &chunk{}
	resp.Raw = buf[:n] // want `returnedChunk returns part of 262144 byte .*through buf\[:n\]`
	return resp
}

var lastChunk *chunk

func keptChunk(r io.Reader) {
	buf := make([]byte, 256*1024)
	n, _ := r.Read(buf)
	resp := new(chunk)
	resp.Raw = buf[:n] // want `keptChunk stores part of 262144 byte`
	lastChunk = resp
}

// A literal writing the field runs in a goroutine: it may outlive the function.
func asyncChunk(r io.Reader, done chan<- *chunk) {
	buf := make([]byte, 256*1024)
	resp := &chunk{}
	fill := func() {
		n, _ := r.Read(buf)
		resp.Raw = buf[:n] // want `asyncChunk stores part of 262144 byte`
		done <- resp
	}
	go fill()
}
