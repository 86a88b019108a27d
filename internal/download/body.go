package download

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// errTooLarge marks a body over the size cap; it is permanent, so never retried.
var errTooLarge = errors.New("body exceeds the size limit")

// utf8BOM is skipped before looking for the opening brace: some tools save JSON with it.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

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
		if err == io.EOF {
			if int64(len(buf)) > limit {
				return nil, fmt.Errorf("%w: more than %d bytes", errTooLarge, limit)
			}
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// checkJSONBody is the cheap sanity check every body passes before it is accepted, whether it
// comes from the network, the cache or a pinned file. source names it in errors.
func checkJSONBody(body []byte, limit int64, source string) error {
	if int64(len(body)) > limit {
		return fmt.Errorf("%s: %d bytes is over the %d-byte limit", source, len(body), limit)
	}
	rest := bytes.TrimPrefix(body, utf8BOM)
	rest = bytes.TrimLeft(rest, " \t\r\n")
	switch {
	case len(rest) == 0:
		return fmt.Errorf("%s: empty body where the service tags JSON was expected", source)
	case rest[0] == '<':
		return &htmlBodyError{source: source}
	case rest[0] != '{':
		return fmt.Errorf("%s: body does not look like the service tags JSON (starts with %q)", source, snippet(rest))
	}
	return nil
}

// htmlBodyError is its own type so date probing can treat a soft-404 page as "not this date".
type htmlBodyError struct{ source string }

func (e *htmlBodyError) Error() string {
	return fmt.Sprintf("%s: an HTML page came back where the service tags JSON was expected", e.source)
}

// snippet returns the first few bytes for an error message.
func snippet(b []byte) string {
	const n = 16
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}
