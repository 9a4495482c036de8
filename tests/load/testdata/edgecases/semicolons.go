package edgecases; import "fmt"; var _ = fmt.Sprint
