package helm

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"syscall"
)

// limitData caps the memory this process may map for data at what it has
// mapped now plus limit, so that the kernel refuses the rest and the
// runtime stops with "out of memory" (RLIMIT_DATA counts private writable
// mappings, the heap among them).
func limitData(limit int64) error {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return fmt.Errorf("read the data size: %w", err)
	}
	defer f.Close()
	var used int64 = -1
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := bytes.CutPrefix(sc.Bytes(), []byte("VmData:")); ok {
			kb, err := strconv.ParseInt(string(bytes.TrimSuffix(bytes.TrimSpace(v), []byte(" kB"))), 10, 64)
			if err != nil {
				return fmt.Errorf("read the data size: %w", err)
			}
			used = kb << 10
		}
	}
	if used < 0 {
		return fmt.Errorf("read the data size: no VmData in /proc/self/status")
	}
	n := uint64(used + limit) //nolint:gosec // both are positive and small
	return syscall.Setrlimit(syscall.RLIMIT_DATA, &syscall.Rlimit{Cur: n, Max: n})
}
