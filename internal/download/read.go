package download

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
)

// errTooLarge marks a body over the size cap; it is permanent, so never retried.
var errTooLarge = errors.New("body exceeds the size limit")

// gzipMagic starts every gzip stream; bodies are recognised by content, not by name or header.
var gzipMagic = []byte{0x1f, 0x8b}

// readCapped reads r to the end but never allocates more than limit+1 bytes: one byte past
// the cap is enough to know the body is too large. hint is the announced length (-1 if unknown).
func readCapped(r io.Reader, limit, hint int64) ([]byte, error) {
	if hint > limit {
		return nil, fmt.Errorf("%w: announced %d bytes, limit is %d", errTooLarge, hint, limit)
	}
	ceiling := limit + 1
	size := int64(32 << 10)
	if hint >= 0 {
		size = hint + 1 // room to notice a body longer than announced
	}
	buf := make([]byte, 0, min(size, ceiling))
	for {
		if len(buf) == cap(buf) {
			if int64(len(buf)) >= ceiling {
				return nil, fmt.Errorf("%w: more than %d bytes", errTooLarge, limit)
			}
			// Grow by doubling, but never past the cap.
			grown := make([]byte, len(buf), min(2*int64(cap(buf))+512, ceiling))
			copy(grown, buf)
			buf = grown
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		switch {
		case err == io.EOF && int64(len(buf)) > limit:
			return nil, fmt.Errorf("%w: more than %d bytes", errTooLarge, limit)
		case err == io.EOF:
			return buf, nil
		case err != nil:
			return nil, err
		}
	}
}

// readFileCapped reads a file, refusing to hold more than limit+1 bytes of it.
func readFileCapped(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readOpenFile(f, limit)
}

// readOpenFile reads an open file under the cap, sized by its length when it is a regular file.
func readOpenFile(f *os.File, limit int64) ([]byte, error) {
	hint := int64(-1)
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		hint = st.Size()
	}
	return readCapped(f, limit, hint)
}

// gunzip decompresses a body that starts with the gzip magic and returns any other body as it
// is. The cap applies to the decompressed bytes while decompressing, so a gzip bomb stops at
// limit+1 bytes; a truncated or corrupt stream is an error.
func gunzip(body []byte, limit int64) ([]byte, error) {
	if !bytes.HasPrefix(body, gzipMagic) {
		return body, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("the body starts like gzip but is not gzip: %w", err)
	}
	out, err := readCapped(zr, limit, -1)
	switch {
	case errors.Is(err, errTooLarge):
		return nil, fmt.Errorf("decompressing the gzip body: %w", err)
	case err != nil:
		return nil, fmt.Errorf("the gzip body is truncated or corrupt (%d compressed bytes): %w", len(body), err)
	}
	return out, nil
}
