package sliceretain

type message struct {
	Content []byte
	Flags   []string
}

type source interface {
	Next() (message, error)
}

type limitReader struct {
	in       source
	maxBytes int
}

// The limit bounds the length only: the returned message keeps the whole over-long line.
func (r *limitReader) Next() (message, error) {
	m, err := r.in.Next()
	if len(m.Content) > r.maxBytes {
		m.Content = m.Content[:r.maxBytes] // want `Next limits m.Content to r.maxBytes elements by re-slicing it: m.Content\[:r.maxBytes\] keeps the whole over-long backing array alive`
		m.Flags = append(m.Flags, "truncated")
	}
	return m, err
}

func readLine(src source) []byte {
	m, _ := src.Next()
	return m.Content
}

// A plain local from a call, sent on a channel.
func clip(src source, limit int, out chan<- []byte) {
	line := readLine(src)
	if limit < len(line) {
		line = line[:limit] // want `clip limits line to limit elements by re-slicing it`
	}
	out <- line
}
