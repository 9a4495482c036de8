// Package visits shows how a handful of records taken from a large batch can
// keep the whole batch in memory, and how to hand them on without it.
package visits

import (
	"fmt"
	"slices"
)

// BatchSize is how many visit records one load brings in.
const BatchSize = 5000

// RiskSampleSize is how many of them the risk analysis looks at.
const RiskSampleSize = 10

// PatientVisit is one visit record: 1040 bytes, most of it clinical notes.
type PatientVisit struct {
	ID    string
	Notes [1024]byte
}

// fetchBatch loads one batch of visit records, as the nightly database query does.
func fetchBatch() []PatientVisit {
	batch := make([]PatientVisit, BatchSize)
	for i := range batch {
		batch[i].ID = fmt.Sprintf("VISIT-%05d", i)
		batch[i].Notes[0] = byte(i)
	}
	return batch
}

// RiskSampleTrapped returns the first records of a fresh batch as a window
// onto it: the caller holds 10 records and, unknowingly, all 5000.
func RiskSampleTrapped() []PatientVisit {
	all := fetchBatch()
	return all[:RiskSampleSize] // trap: slice-retain
}

// RiskSample returns a copy of the first records; the batch can be collected.
func RiskSample() []PatientVisit {
	all := fetchBatch()
	return slices.Clone(all[:RiskSampleSize])
}
