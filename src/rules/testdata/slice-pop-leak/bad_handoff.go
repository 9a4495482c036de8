// The shapes of quiet_handoff.go where the dropped slots do keep objects alive.
package popleak

// The buffer is read and reset, but only counted: no one takes the page.
type countedIterator struct {
	items []*Job
	seen  int
}

func (it *countedIterator) add(j *Job) { it.items = append(it.items, j) }

func (it *countedIterator) flush() {
	b := it.items
	it.items = it.items[:0] // want `drops all its elements of type \*.*Job`
	it.seen += len(b)
}

func (it *countedIterator) Next() *Job {
	j := it.items[0]
	it.items = it.items[1:] // want `drops 1 element of type \*.*Job`
	return j
}

// The shift copies from another slice: the dropped last slot still holds its own element.
type mirroredList struct {
	conns, spare []*Job
}

func (l *mirroredList) put(j *Job) { l.conns = append(l.conns, j) }

func (l *mirroredList) oldest() *Job {
	n := len(l.conns)
	j := l.conns[0]
	copy(l.conns, l.spare)
	l.conns = l.conns[:n-1] // want `drops 1 element of type \*.*Job`
	return j
}

// A pipeline whose commands are handed out whole on exec, and discarded elsewhere: the
// discarded commands were taken by no one and stay in the array.
type cmdPipeline struct {
	cmds []*Job
}

func (p *cmdPipeline) queue(j *Job) { p.cmds = append(p.cmds, j) }

func (p *cmdPipeline) exec() []*Job {
	cmds := p.cmds
	p.cmds = nil
	return cmds
}

func (p *cmdPipeline) discard() {
	p.cmds = p.cmds[:0] // want `drops all its elements of type \*.*Job`
}

// The cleanup stops at the first entry that is not done, dropping done entries still set.
type doneHistory struct {
	packets []*Job
	done    map[*Job]bool
}

func (h *doneHistory) send(j *Job) { h.packets = append(h.packets, j) }

func (h *doneHistory) cleanupStart() {
	for i, p := range h.packets {
		if !h.done[p] {
			h.packets = h.packets[i:] // want `drops the first i elements of type \*.*Job`
			return
		}
	}
}
