// The file already imports package slices under another name: the fix uses that name and adds
// no second import.
package renamed

import (
	"fmt"
	sl "slices"
)

type Record struct {
	ID   int
	Tags []string
}

func recent() []Record {
	all := make([]Record, 5000)
	fmt.Println(sl.Contains([]int{1}, 1))
	return all[:10] // want `alive` fix:safe
}
