package visits

import (
	"runtime"
	"testing"
	"time"
)

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// retainedBy measures how much heap stays allocated while the sample is held.
func retainedBy(sample func() []PatientVisit) (kept []PatientVisit, bytes int64) {
	before := heapInUse()
	kept = sample()
	after := heapInUse()
	return kept, int64(after) - int64(before)
}

func TestTrappedSampleKeepsWholeBatch(t *testing.T) {
	kept, retained := retainedBy(RiskSampleTrapped)
	if len(kept) != RiskSampleSize || cap(kept) != BatchSize {
		t.Fatalf("len %d cap %d, want len %d cap %d", len(kept), cap(kept), RiskSampleSize, BatchSize)
	}
	if retained < 5_000_000 {
		t.Fatalf("holding 10 records retained only %d bytes; the 5.2 MB batch should stay alive", retained)
	}
	runtime.KeepAlive(kept)
}

func TestSampleKeepsOnlyItsRecords(t *testing.T) {
	kept, retained := retainedBy(RiskSample)
	if len(kept) != RiskSampleSize || cap(kept) > 2*RiskSampleSize {
		t.Fatalf("len %d cap %d, want a compact copy of %d", len(kept), cap(kept), RiskSampleSize)
	}
	if retained > 1_000_000 {
		t.Fatalf("holding 10 copied records retained %d bytes; the batch should be collectable", retained)
	}
	if kept[3].ID != "VISIT-00003" {
		t.Fatalf("record 3 is %q", kept[3].ID)
	}
	runtime.KeepAlive(kept)
}

type popper interface {
	Push(*PatientVisit)
	Pop() *PatientVisit
}

// collectedAfterPop reports whether a popped and dropped record gets collected
// while the queue itself is still in use.
func collectedAfterPop(q popper) bool {
	collected := make(chan struct{})
	func() {
		v := &PatientVisit{ID: "VISIT-POPPED"}
		runtime.SetFinalizer(v, func(*PatientVisit) { close(collected) })
		q.Push(v)
		q.Push(&PatientVisit{ID: "VISIT-NEXT"})
		q.Pop()
	}()
	deadline := time.After(2 * time.Second)
	for {
		runtime.GC()
		select {
		case <-collected:
			return true
		case <-deadline:
			return false
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func TestTrappedQueueKeepsPoppedRecord(t *testing.T) {
	q := &TrappedQueue{}
	if collectedAfterPop(q) {
		t.Fatal("the popped record was collected, but the trapped queue should still reference it")
	}
	runtime.KeepAlive(q)
}

func TestQueueReleasesPoppedRecord(t *testing.T) {
	q := &Queue{}
	if !collectedAfterPop(q) {
		t.Fatal("the popped record was never collected although the queue cleared its slot")
	}
	runtime.KeepAlive(q)
}
