package appendalias

type labels []string

func (ls labels) Len() int           { return len(ls) }
func (ls labels) Less(i, j int) bool { return ls[i] < ls[j] }
func (ls labels) Swap(i, j int)      { ls[i], ls[j] = ls[j], ls[i] } // a permutation: no value changes

// A value receiver: the caller's labels keep their length and show the shifted elements.
func (ls labels) drop(name string) labels {
	for i, l := range ls {
		if l == name {
			if i == 0 {
				return ls[1:]
			}
			return append(ls[:i], ls[i+1:]...) // want `this append writes into the caller's backing array: the method has a value receiver` fix:unsafe
		}
	}
	return ls
}

func describe(ls labels) (labels, labels) {
	return ls.drop("a"), ls // the caller keeps using ls
}
