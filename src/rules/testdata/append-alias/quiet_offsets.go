package appendalias

import "bytes"

// A handshake parser: the second part of the cipher is appended after the first, overwriting
// bytes of data the parser has already read; every later read of data starts past them.
func cipher(data []byte) ([]byte, string) {
	pos := 1 + bytes.IndexByte(data[1:], 0) + 1 + 4
	auth := data[pos : pos+8]
	pos += 8 + 1
	flags := data[pos : pos+2]
	_ = flags
	pos += 2
	var plugin string
	if len(data) > pos {
		pos += 1 + 2 + 2 + 1 + 10
		auth = append(auth, data[pos:pos+12]...)
		pos += 13
		if end := bytes.IndexByte(data[pos:], 0); end != -1 {
			plugin = string(data[pos : pos+end])
		} else {
			plugin = string(data[pos:])
		}
	}
	var b [20]byte
	copy(b[:], auth)
	return b[:], plugin
}

// Two values appended after a window ending at off+4: the next field read starts at off+6.
func fields(data []byte, off int) (byte, []byte) {
	head := data[off : off+4]
	head = append(head, 0, 0)
	off += 6
	for i := 0; i < 3; i++ {
		off++
	}
	return data[off], head
}
