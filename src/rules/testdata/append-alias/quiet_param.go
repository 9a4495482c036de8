package appendalias

// The look-alikes of bad_param.go that stay quiet.

type names []string

// A capped window of the receiver: the append copies.
func (ns names) drop(name string) names {
	for i, n := range ns {
		if n == name {
			return append(ns[:i:i], ns[i+1:]...)
		}
	}
	return ns
}

// A pointer receiver: the method replaces the caller's slice, which is the point.
func (ns *names) remove(i int) {
	*ns = append((*ns)[:i], (*ns)[i+1:]...)
}

// The receiver's window is empty: the storage is asked for on purpose.
func (ns names) reuse(extra string) names {
	return append(ns[:0], extra)
}

// The callers store the result over the receiver: removal in place is the contract.
type cases []int

func (cs cases) delete(i int) cases {
	return append(cs[:i], cs[i+1:]...)
}

type feed struct{ pending cases }

func (f *feed) done(i int) {
	f.pending = f.pending.delete(i)
}

// Another method writes elements in place: values of the type are changed where they are.
type rows []string

func (rr rows) upsert(i int, r string) {
	rr[i] = r
}

func (rr rows) remove(i int) rows {
	return append(rr[:i], rr[i+1:]...)
}

// Another method grows the receiver and hands it back: callers store what they get.
type options []string

func (o options) add(opt string) options {
	return append(o, opt)
}

func (o options) without(i int) options {
	return append(o[:i], o[i+1:]...)
}
