package appendalias

type label struct{ name, value string }

type series struct {
	name   string
	labels []label
}

func tagLabels(tags map[string]string) []label {
	out := make([]label, 0, len(tags))
	for k, v := range tags {
		if k == "" {
			continue
		}
		out = append(out, label{k, v})
	}
	return out
}

// Every series keeps append(common, ...): with spare capacity in common they all share one
// element, the name of the last series.
func seriesOf(tags map[string]string, values map[string]float64) []*series {
	common := tagLabels(tags)
	var all []*series
	for name := range values {
		s := &series{
			name:   name,
			labels: append(common, label{"__name__", name}), // want `this append writes into the backing array of common on every iteration, and line 31 keeps each result` fix:unsafe
		}
		all = append(all, s)
	}
	return all
}

// A parameter appended to in a loop, each result stored in a map.
func children(parent []string, names []string) map[string][]string {
	out := map[string][]string{}
	for _, n := range names {
		out[n] = append(parent, n) // want `this append writes into the backing array of parent on every iteration`
	}
	return out
}

// Each result appended straight to an outer slice.
func paths(prefix []int, steps []int) [][]int {
	var all [][]int
	for i := 0; i < len(steps); i++ {
		all = append(all, append(prefix, steps[i])) // want `backing array of prefix on every iteration`
	}
	return all
}

// Sent to another goroutine, which may still hold it when the next iteration appends.
func feedParts(base []byte, parts [][]byte, ch chan<- []byte) {
	for _, p := range parts {
		ch <- append(base, p...) // want `backing array of base on every iteration`
	}
}

// A window appended to in a loop and kept: one finding, the window's.
func windows(path []string, names []string) ([][]string, []string) {
	parent := path[:1]
	var all [][]string
	for _, n := range names {
		all = append(all, append(parent, n)) // want `append to parent writes into the backing array of path`
	}
	return all, path
}
