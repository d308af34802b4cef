package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
	"unicode/utf8"
)

// DefaultMaxFileSize is the size past which a file is reported rather than
// linted, unless Options.MaxFileSize says otherwise.
const DefaultMaxFileSize = 20 << 20

// ErrNotRegular is the error for a path that is not a regular file (a
// FIFO, a device, a socket): hardline does not read those, since they can
// block or never end.
var ErrNotRegular = errors.New("not a regular file")

// TooLargeError is the error for a file over the size limit.
type TooLargeError struct {
	Size, Limit int64
}

func (e *TooLargeError) Error() string {
	if e.Size > e.Limit {
		return fmt.Sprintf("file is %s, over the %s limit (max-file-size)", sizeText(e.Size), sizeText(e.Limit))
	}
	return fmt.Sprintf("file is over the %s limit (max-file-size)", sizeText(e.Limit))
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// ReadFile reads a file to lint: only a regular file (symbolic links are
// followed), opened without blocking and checked on the open descriptor,
// and at most limit bytes of it (limit <= 0 means DefaultMaxFileSize). A
// file over the limit is a *TooLargeError; anything not a regular file
// wraps ErrNotRegular.
func ReadFile(path string, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultMaxFileSize
	}
	f, info, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info.Size() > limit {
		return nil, &TooLargeError{Size: info.Size(), Limit: limit}
	}
	return readLimited(f, limit, info.Size())
}

// openRegular opens a regular file without blocking (O_NONBLOCK keeps a
// FIFO from blocking the open) and checks its type on the descriptor
// itself, so that a file swapped after a stat is caught.
func openRegular(path string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		_ = f.Close()
		return nil, nil, fmt.Errorf("%w (%s)", ErrNotRegular, fileType(info.Mode()))
	}
	return f, info, nil
}

// readHead reads at most n bytes of the start of a regular file.
func readHead(path string, n int64) ([]byte, error) {
	f, _, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, n))
}

// ReadLimited reads r to its end, or fails with a *TooLargeError past limit
// bytes (a file that grows while read, standard input).
func ReadLimited(r io.Reader, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultMaxFileSize
	}
	return readLimited(r, limit, 0)
}

// readLimited is ReadLimited with room for size bytes made at once: a
// file read whole is not copied as its buffer grows.
func readLimited(r io.Reader, limit, size int64) ([]byte, error) {
	// bytes.Buffer reads while bytes.MinRead bytes are free: with that
	// much more room, the end of a file of size bytes is found in place.
	buf := bytes.NewBuffer(make([]byte, 0, min(size, limit)+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(r, limit+1)); err != nil {
		return nil, err
	}
	if int64(buf.Len()) > limit {
		return nil, &TooLargeError{Size: -1, Limit: limit}
	}
	return buf.Bytes(), nil
}

func fileType(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a directory"
	}
	return "mode " + m.String()
}

// Binary reports whether src looks like a binary file rather than text:
// a NUL byte in its first 8 KiB (as git decides), or more than one byte in
// ten of them not valid UTF-8. Text with a UTF-16 byte order mark is not
// binary.
func Binary(src []byte) bool {
	if bytes.HasPrefix(src, []byte{0xFE, 0xFF}) || bytes.HasPrefix(src, []byte{0xFF, 0xFE}) {
		return false // UTF-16 text, which the parsers report as such
	}
	head := src[:min(len(src), 8<<10)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	bad := 0
	for i := 0; i < len(head); {
		r, size := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && size == 1 && len(head)-i >= utf8.UTFMax {
			bad++
		}
		i += size
	}
	return bad*10 > len(head)
}
