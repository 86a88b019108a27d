package servicetags

import (
	"bytes"
	"errors"
	"fmt"
	"net/netip"
)

// maxInputSize bounds the input so the decoder's 32-bit offsets cannot overflow; real
// files are about 4 MB.
const maxInputSize = 1 << 30

// Parse decodes a service tags file and builds its lookup indexes.
//
// It is strict: the input must be one complete JSON object of the published schema with
// integer "changeNumber", a known "cloud" and a non-empty "values" array; every tag needs a
// name unique regardless of case, "properties" and "properties.addressPrefixes"; every
// prefix must be a canonical CIDR prefix (no host bits set: none of Microsoft's files has
// any, so one would mean a corrupted file, and masking it would change the allow-list).
// Duplicate keys are rejected. Keys match exactly (case-sensitively); unknown keys are
// validated as JSON and ignored. A leading UTF-8 byte order mark and CRLF line endings
// are accepted.
func Parse(data []byte) (*File, error) {
	if len(data) > maxInputSize {
		return nil, fmt.Errorf("service tags file is too large: %d bytes (limit %d)", len(data), maxInputSize)
	}
	d := &decoder{scanner: scanner{data: data}}
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		d.pos = 3
	}
	if err := d.sniff(); err != nil {
		return nil, err
	}
	// Sizing from real files (at least 44 input bytes per prefix, under half of the input
	// kept as strings) avoids regrowing the big buffers.
	d.arena.Grow(len(data)/2 + 64)
	d.prefixes = make([]string, 0, len(data)/40+8)
	d.parsed = make([]netip.Prefix, 0, cap(d.prefixes))
	raw, err := d.file()
	if err != nil {
		return nil, err
	}
	return build(raw, d)
}

// sniff checks that the document starts like a JSON object and otherwise explains what
// the input looks like instead (a downloaded HTML page is the usual culprit).
func (d *decoder) sniff() error {
	c, ok := d.next()
	if !ok {
		return errors.New("service tags file is empty")
	}
	if c == '{' {
		return nil
	}
	head := d.data[d.pos:]
	quoted := fmt.Sprintf("%q", head[:min(len(head), 40)])
	if len(head) > 40 {
		quoted += "..."
	}
	switch {
	case bytes.HasPrefix(d.data, []byte{0x1f, 0x8b}):
		return errors.New("service tags file is gzip-compressed data, not JSON; decompress it first")
	case c == '<':
		return fmt.Errorf("service tags file is not JSON: it looks like an HTML page (starts with %s)", quoted)
	case c == '[' || c == '"' || c == '-' || ('0' <= c && c <= '9') || c == 't' || c == 'f' || c == 'n':
		return fmt.Errorf("service tags file is not a JSON object: the top-level value must be an object (starts with %s)", quoted)
	}
	return fmt.Errorf("service tags file is not JSON (starts with %s)", quoted)
}
