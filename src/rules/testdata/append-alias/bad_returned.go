package appendalias

import "strings"

type cgroupName []string

// Returns its base parameter appended to: the result is the caller's array whenever base has
// spare capacity.
func childGroup(base cgroupName, parts ...string) cgroupName {
	return cgroupName(append(base, parts...)) // want `childGroup returns an append to its parameter base, and line 18 keeps two of its results built on one root` fix:unsafe
}

// Both classes are built on one root: with spare capacity in root the second overwrites the
// first's last part.
func qosGroups(root cgroupName) map[string]cgroupName {
	return map[string]cgroupName{
		"burstable":  childGroup(root, strings.ToLower("Burstable")),
		"besteffort": childGroup(root, strings.ToLower("BestEffort")),
	}
}
