package appendalias

import "strings"

// Only reads its parameter.
func joined(parts []string) string { return strings.Join(parts, ".") }

func readsOnly(prefix []string) string {
	s := joined(append(prefix, "x"))
	return s + strings.Join(prefix, "/")
}

// Writes elements only in a function literal it hands on: the summary makes no claim.
func later(parts []string, run func(func())) {
	run(func() { parts[0] = "" })
}

func writesLater(prefix []string, run func(func())) string {
	later(append(prefix, "x"), run)
	return strings.Join(prefix, "/")
}

// Copies its parameter before writing: the caller's array is untouched.
func lowerCopy(parts []string) []string {
	c := make([]string, len(parts))
	copy(c, parts)
	c[0] = strings.ToLower(c[0])
	return c
}

func copied(prefix []string) string {
	c := lowerCopy(append(prefix, "x"))
	return strings.Join(c, ".") + strings.Join(prefix, "/")
}

// Writes elements, but the slice appended to is not read afterwards.
func notReadAfter(prefix []string) {
	normalize(append(prefix, "x"))
}

// Given a new slice before it is read again.
func reassigned(prefix []string) string {
	normalize(append(prefix, "x"))
	prefix = []string{"a"}
	return strings.Join(prefix, ".")
}

// Element writes to a map parameter are not a slice's.
func setKey(m map[string]string, k []string) { m[k[0]] = "" }

func mapWrite(prefix []string, m map[string]string) string {
	setKey(m, append(prefix, "x"))
	return strings.Join(prefix, ".")
}

// Copied first, as the fix does: the array is the function's own.
func copiedFirst(address []string, keys []string) string {
	address = append([]string(nil), address...)
	for _, k := range keys {
		normalize(append(address, k))
	}
	return strings.Join(address, ".")
}

// A local the function made, not a caller's array.
func ownSlice(keys []string) string {
	address := make([]string, 0, 8)
	for _, k := range keys {
		normalize(append(address, k))
	}
	return strings.Join(address, ".")
}

// A named result is the function's own too.
func named(keys []string) (out []string) {
	for _, k := range keys {
		normalize(append(out, k))
	}
	return out
}
