package sliceretain

// The look-alikes of bad_limit.go that stay quiet.

// Copied: the over-long array is dropped.
func (r *limitReader) copied() (message, error) {
	m, err := r.in.Next()
	if len(m.Content) > r.maxBytes {
		tmp := make([]byte, r.maxBytes)
		copy(tmp, m.Content)
		m.Content = tmp
	}
	return m, err
}

// Used here only: nothing outlives the function.
func (r *limitReader) count() int {
	m, _ := r.in.Next()
	if len(m.Content) > r.maxBytes {
		m.Content = m.Content[:r.maxBytes]
	}
	return len(m.Content)
}

// A parameter: the caller holds the whole array anyway.
func clipParam(line []byte, limit int) []byte {
	if len(line) > limit {
		line = line[:limit]
	}
	return line
}

// A constant bound: a fixed-size prefix such as a header.
func fixedPrefix(src source) []byte {
	line := readLine(src)
	if len(line) > 16 {
		line = line[:16]
	}
	return line
}

// Strings: truncated texts for messages.
func shorten(src func() string, limit int) string {
	s := src()
	if len(s) > limit {
		s = s[:limit]
	}
	return s
}

func ranked(src func() []string) []string { return src() }

// A list of items cut to the first n: a selection, not a bound on memory.
func topN(src func() []string, n int) []string {
	sorted := ranked(src)
	if len(sorted) > n {
		sorted = sorted[:n]
	}
	return sorted
}
