// Package seeds exercises the scanner.
package seeds

const (
	a = 0b1010_1010
	b = 0o777 + 0777
	c = 0x1p-2 + 1e9 + .5 + 1_000.000_1
	d = 'x' + '\n' + '\x41' + '\u00e9' + '\U0001F600' + '\''
	e = "tab\there \"quoted\" \\ \u00e9"
	f = 3i
)

var m = map[string][]struct{ x, y int }{"k": {{1, 2}, {x: 3}}}

/* block
comment */
func (r *T) Method() {}

type T struct{ _ [0]func() }
