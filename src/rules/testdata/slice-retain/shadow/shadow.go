// A local variable named slices shadows the package where the fix would call slices.Clone:
// the import is added under an alias nothing in scope declares.
package shadow

type Record struct {
	ID   int
	Tags []string
}

func recent() []Record {
	slices := make([]Record, 5000)
	return slices[:10] // want `alive` fix:safe
}
