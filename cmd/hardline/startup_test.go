package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// The collector works less while the heap is small, and as usual once it
// has grown.
func TestStartupGC(t *testing.T) {
	prev := debug.SetGCPercent(100)
	defer debug.SetGCPercent(prev)
	startupGC(func(string) string { return "" })
	if got := debug.SetGCPercent(startupGCPercent); got != startupGCPercent {
		t.Fatalf("GC percent at start-up %d, want %d", got, startupGCPercent)
	}
	// Enough live memory that the heap goal passes the bound.
	live := make([][]byte, 0, startupHeapGoal/startupGCPercent*100/(1<<16)+1)
	for range cap(live) {
		live = append(live, make([]byte, 1<<16))
	}
	for range 100 {
		runtime.GC()
		got := debug.SetGCPercent(-1)
		debug.SetGCPercent(got)
		if got == 100 {
			runtime.KeepAlive(live)
			return
		}
		// The check runs in the finalizer goroutine after a collection.
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("GC percent still %d with %d MiB live", startupGCPercent, len(live)>>4)
}

// GOGC set by the user is kept.
func TestStartupGCKeepsGOGC(t *testing.T) {
	prev := debug.SetGCPercent(150)
	defer debug.SetGCPercent(prev)
	startupGC(func(k string) string {
		if k == "GOGC" {
			return "150"
		}
		return ""
	})
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("GC percent %d with GOGC=150", got)
	}
}
