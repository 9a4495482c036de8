// CRLF line endings: the import block the fix adds keeps them.
package shadow

import "fmt"

func crlfRecent() []Record {
	all := make([]Record, 5000)
	fmt.Println(len(all))
	return all[:10] // want `alive` fix:safe
}
