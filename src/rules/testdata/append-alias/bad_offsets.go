package appendalias

import "bytes"

// The later read starts inside the bytes the append overwrote.
func overlapping(data []byte) ([]byte, []byte) {
	pos := bytes.IndexByte(data, 0)
	auth := data[pos : pos+8]
	pos += 8
	auth = append(auth, 1, 2, 3, 4) // want `append to auth writes into the backing array of data`
	pos += 2
	return auth, data[pos:]
}

// The offset is not a constant step on every path.
func unknownStep(data []byte, skip func([]byte) int) ([]byte, []byte) {
	pos := 0
	auth := data[pos : pos+8]
	auth = append(auth, data[pos+20:pos+32]...) // want `append to auth writes into the backing array of data`
	pos += 32
	if len(data) > 40 {
		pos = skip(data)
	}
	return auth, data[pos:]
}

// A path going back through a loop that moves the offset backwards reaches the region again.
func backwards(data []byte, n int) ([]byte, byte) {
	pos := 4
	auth := data[pos : pos+4]
	auth = append(auth, 9) // want `append to auth writes into the backing array of data`
	pos += 2
	for i := 0; i < n; i++ {
		pos--
	}
	return auth, data[pos+2]
}
