package servicetags

import (
	"bytes"
	"errors"
	"fmt"
)

// maxInputSize bounds the input, and so the memory Parse takes; real files are about 4 MB.
const maxInputSize = 1 << 30

// Parse decodes a service tags file (see decode), validates it (see validate) and builds
// its lookup indexes. A leading UTF-8 byte order mark and CRLF line endings are accepted;
// byte offsets in errors count from after the byte order mark.
func Parse(data []byte) (*File, error) {
	if len(data) > maxInputSize {
		return nil, fmt.Errorf("service tags file is too large: %d bytes (limit %d)", len(data), maxInputSize)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if err := sniff(data); err != nil {
		return nil, err
	}
	w, err := decode(data)
	if err != nil {
		return nil, err
	}
	f, err := w.validate(data)
	if err != nil {
		return nil, err
	}
	f.index()
	return f, nil
}

// sniff checks that the document starts like a JSON object, or says what it looks like
// instead (a downloaded HTML page is the usual culprit).
func sniff(data []byte) error {
	head := bytes.TrimLeft(data, " \t\r\n")
	switch {
	case len(head) == 0:
		return errors.New("service tags file is empty")
	case head[0] == '{':
		return nil
	case bytes.HasPrefix(data, []byte{0x1f, 0x8b}):
		return errors.New("service tags file is gzip-compressed data, not JSON; decompress it first")
	}
	quoted := fmt.Sprintf("%q", head[:min(len(head), 40)])
	if len(head) > 40 {
		quoted += "..."
	}
	switch {
	case head[0] == '<':
		return fmt.Errorf("service tags file is not JSON: it looks like an HTML page (starts with %s)", quoted)
	case bytes.IndexByte([]byte(`["-0123456789tfn`), head[0]) >= 0:
		return fmt.Errorf("service tags file is not a JSON object: the top-level value must be an object (starts with %s)", quoted)
	}
	return fmt.Errorf("service tags file is not JSON (starts with %s)", quoted)
}

// position describes a byte offset of data for messages, with its line and column.
func position(data []byte, offset int64) string {
	before := data[:min(int(offset), len(data))]
	line, col := bytes.Count(before, []byte{'\n'})+1, len(before)-bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("byte offset %d (line %d, column %d)", len(before), line, col)
}
