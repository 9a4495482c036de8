package seeds

type Number interface{ ~int | ~int64 | ~float64 }

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func Sum[T Number](xs ...T) (total T) {
	for _, x := range xs {
		total += x
	}
	return
}

type List[T any] = []Pair[string, T]

var _ = Sum[int](1, 2, 3)
