package appendalias

type pathName []string

func subPath(base pathName, name string) pathName {
	return append(base, name)
}

// A copy first: the results never share base's array.
func copiedPath(base pathName, name string) pathName {
	own := make(pathName, len(base), len(base)+1)
	copy(own, base)
	return append(own, name)
}

// One return is not the append.
func maybePath(base pathName, name string) pathName {
	if name == "" {
		return base
	}
	return append(base, name)
}

// The same arguments: the two results agree.
func samePaths(root pathName) []pathName {
	return []pathName{subPath(root, "x"), subPath(root, "x")}
}

// A composite literal has no spare capacity: each call copies.
func literalPaths() []pathName {
	root := pathName{"a", "b"}
	return []pathName{subPath(root, "x"), subPath(root, "y")}
}

// Different bases.
func twoBases(a, b pathName) []pathName {
	return []pathName{subPath(a, "x"), subPath(b, "y")}
}

// Functions that do not only return the append are not followed.
func mixedPaths(root pathName) []pathName {
	return []pathName{copiedPath(root, "x"), copiedPath(root, "y"), maybePath(root, "x"), maybePath(root, "y")}
}
