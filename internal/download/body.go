package download

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/servicetags"
)

// errTooLarge marks a body over the size cap; it is permanent, so never retried.
var errTooLarge = errors.New("body exceeds the size limit")

// errHTMLBody lets date probing treat a soft-404 page as "not this date".
var errHTMLBody = errors.New("an HTML page came back where the service tags JSON was expected")

// gzipMagic starts every gzip stream; bodies are recognised by content, not by name or header.
var gzipMagic = []byte{0x1f, 0x8b}

// readCapped reads r to the end but never allocates more than limit+1 bytes: one byte past
// the cap is enough to know the body is too large. hint is the announced length (-1 if unknown).
func readCapped(r io.Reader, limit, hint int64) ([]byte, error) {
	if hint > limit {
		return nil, fmt.Errorf("%w: announced %d bytes, limit is %d", errTooLarge, hint, limit)
	}
	size := int64(32 << 10)
	if hint >= 0 {
		size = hint + 1 // room to notice a body longer than announced
	}
	buf := make([]byte, 0, min(size, limit+1))
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		switch {
		case int64(len(buf)) > limit:
			return nil, fmt.Errorf("%w: more than %d bytes", errTooLarge, limit)
		case err == io.EOF:
			return buf, nil
		case err != nil:
			return nil, err
		case len(buf) == cap(buf): // grow by doubling, but never past the cap
			buf = append(make([]byte, 0, min(2*int64(cap(buf))+512, limit+1)), buf...)
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
	hint := int64(-1) // sized by its length when it is a regular file
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

// utf8BOM is skipped before looking for the opening brace: some tools save JSON with it.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodeBody turns a body as it arrived (from the network or a pinned file) into the JSON
// text: decompressed when it is gzip, then checked to look like a JSON object. what names it in errors.
func decodeBody(raw []byte, limit int64, what string) ([]byte, error) {
	body, err := gunzip(raw, limit)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	rest := bytes.TrimLeft(bytes.TrimPrefix(body, utf8BOM), " \t\r\n")
	switch {
	case len(rest) == 0:
		return nil, fmt.Errorf("%s: empty body where the service tags JSON was expected", what)
	case rest[0] == '<':
		return nil, fmt.Errorf("%s: %w", what, errHTMLBody)
	case rest[0] != '{':
		return nil, fmt.Errorf("%s: body does not look like the service tags JSON (starts with %.16q)", what, rest)
	}
	return body, nil
}

// parseBody parses the JSON of one body. A body that stops in the middle of the JSON gets
// its own message, since the parser's would not say why: cut names the likely causes.
func (l *Loader) parseBody(body []byte, what, cut string) (*servicetags.File, error) {
	file, err := l.parse(body)
	if err == nil {
		return file, nil
	}
	if endsMidJSON(body) {
		return nil, fmt.Errorf("the service tags from %s are truncated: the body ended after %d bytes in the middle of the JSON; %s", what, len(body), cut)
	}
	return nil, fmt.Errorf("parsing the service tags from %s: %w", what, err)
}

// endsMidJSON reports whether body is the start of a JSON value that stops before its end.
func endsMidJSON(body []byte) bool {
	var v json.RawMessage
	err := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(body, utf8BOM))).Decode(&v)
	return errors.Is(err, io.ErrUnexpectedEOF)
}
