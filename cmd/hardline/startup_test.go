package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

func TestGCPercentFor(t *testing.T) {
	for _, tc := range []struct {
		live, goal uint64
		want       int
	}{
		{0, 64 << 20, maxGCPercent},
		{1 << 20, 64 << 20, maxGCPercent},
		{16 << 20, 64 << 20, 300},
		{30 << 20, 64 << 20, 113},
		{32 << 20, 64 << 20, 100},
		{64 << 20, 64 << 20, 100},
		{1 << 30, 64 << 20, 100},
	} {
		if got := gcPercentFor(tc.live, tc.goal); got != tc.want {
			t.Errorf("gcPercentFor(%d MiB, %d MiB) = %d, want %d", tc.live>>20, tc.goal>>20, got, tc.want)
		}
	}
}

// gcPercentAfterGC collects until the GC percent is as want says (the
// policy runs in the finalizer goroutine after a collection) and reports
// whether it became so.
func gcPercentAfterGC(want func(int) bool) bool {
	for range 100 {
		runtime.GC()
		got := debug.SetGCPercent(-1)
		debug.SetGCPercent(got)
		if want(got) {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}

// The collector lets a small heap grow more than twice what is live, up to
// the goal, and keeps GOGC=100 while much is live, after each collection.
func TestTuneGC(t *testing.T) {
	prev := debug.SetGCPercent(100)
	defer debug.SetGCPercent(prev)
	// What other tests left live counts: the goal is more than twice it.
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	goal := 2*sample[0].Value.Uint64() + 8<<20
	stop := tuneGCWith(goal)
	defer stop()
	if got := debug.SetGCPercent(maxGCPercent); got != maxGCPercent {
		t.Fatalf("GC percent at start-up %d, want %d", got, maxGCPercent)
	}
	live := make([][]byte, 0, goal/(1<<16)+1)
	for range cap(live) {
		live = append(live, make([]byte, 1<<16))
	}
	if !gcPercentAfterGC(func(pct int) bool { return pct == 100 }) {
		t.Errorf("GC percent not 100 with %d MiB more live than the goal", len(live)>>4)
	}
	runtime.KeepAlive(live) // and no longer live after this
	if !gcPercentAfterGC(func(pct int) bool { return pct > 100 }) {
		t.Errorf("GC percent still 100 once little is live")
	}
}

// GOGC set by the user is kept.
func TestTuneGCKeepsGOGC(t *testing.T) {
	prev := debug.SetGCPercent(150)
	defer debug.SetGCPercent(prev)
	tuneGC(func(k string) string {
		if k == "GOGC" {
			return "150"
		}
		return ""
	})
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("GC percent %d with GOGC=150", got)
	}
}
