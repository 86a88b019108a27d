package servicetags

import (
	"bytes"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"
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
	// Sizing from real files (at least 44 input bytes per prefix and 560 per tag, under
	// half of the input kept as strings) avoids regrowing the big buffers.
	d.arena.Grow(len(data)/2 + 64)
	d.prefixes = make([]span, 0, len(data)/40+8)
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

// build validates the decoded document and turns it into a File with its indexes.
func build(raw *rawFile, d *decoder) (*File, error) {
	switch {
	case raw.seen&fChangeNumber == 0:
		return nil, errors.New(`service tags file has no "changeNumber"`)
	case raw.seen&fCloud == 0:
		return nil, errors.New(`service tags file has no "cloud"`)
	case raw.seen&fValues == 0:
		return nil, errors.New(`service tags file has no "values"`)
	}
	// One string for the whole arena: every string of the File is a slice of it.
	arena := d.arena.String()
	str := func(sp span) string { return arena[sp.off:sp.end] }
	f := &File{ChangeNumber: raw.changeNumber, Cloud: str(raw.cloud)}
	if !isKnownCloud(f.Cloud) {
		return nil, fmt.Errorf("service tags file has unknown cloud %q; known clouds: %s", f.Cloud, quoteList(knownClouds))
	}
	if len(raw.tags) == 0 {
		return nil, fmt.Errorf(`service tags file (cloud %s, change %d) has no service tags: "values" is empty`, f.Cloud, f.ChangeNumber)
	}
	if err := checkTags(raw, d, str); err != nil {
		return nil, err
	}
	prefixStrs, prefixes, err := parsePrefixes(raw, d, str)
	if err != nil {
		return nil, err
	}
	features := make([]string, len(d.features))
	for k, sp := range d.features {
		features[k] = str(sp)
	}

	order := make([]int32, len(raw.tags))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		return strings.Compare(str(raw.tags[a].name), str(raw.tags[b].name))
	})
	f.Tags = make([]Tag, len(raw.tags))
	for pos, ri := range order {
		t := &raw.tags[ri]
		f.Tags[pos] = Tag{
			Name:            str(t.name),
			ID:              str(t.id),
			Region:          str(t.region),
			RegionID:        t.regionID,
			Platform:        str(t.platform),
			SystemService:   str(t.systemSvc),
			ChangeNumber:    t.changeNumber,
			NetworkFeatures: window(features, t.featFrom, t.featTo),
			AddressPrefixes: window(prefixStrs, t.prefixFrom, t.prefixTo),
			Prefixes:        window(prefixes, t.prefixFrom, t.prefixTo),
		}
	}
	if err := f.index(); err != nil {
		return nil, err
	}
	return f, nil
}

// checkTags enforces the per-tag required fields.
func checkTags(raw *rawFile, d *decoder, str func(span) string) error {
	for i := range raw.tags {
		t := &raw.tags[i]
		name := str(t.name)
		switch {
		case name == "":
			line, col := position(d.data, t.offset)
			return fmt.Errorf("service tags file: values[%d] at byte offset %d (line %d, column %d) has no name", i, t.offset, line, col)
		case t.seen&fProperties == 0:
			return fmt.Errorf(`service tag %q (values[%d]) has no "properties"`, name, i)
		case t.seen&fAddressPrefixes == 0:
			return fmt.Errorf(`service tag %q (values[%d]) has no "properties.addressPrefixes"`, name, i)
		}
	}
	return nil
}

// parsePrefixes returns every published prefix string and its parsed form, in file
// order. The decoder already parsed the usual forms; the rest get the full (slow) check
// here, where the tag name for the error is known.
func parsePrefixes(raw *rawFile, d *decoder, str func(span) string) ([]string, []netip.Prefix, error) {
	strs := make([]string, len(d.prefixes))
	for k, sp := range d.prefixes {
		strs[k] = str(sp)
	}
	for i := range raw.tags {
		t := &raw.tags[i]
		for k := t.prefixFrom; k < t.prefixTo; k++ {
			if d.parsed[k].IsValid() {
				continue
			}
			p, err := slowPrefix(strs[k])
			if err != nil {
				return nil, nil, fmt.Errorf("service tag %q: %w", str(t.name), err)
			}
			d.parsed[k] = p
		}
	}
	return strs, d.parsed, nil
}

// window returns all[from:to] with its capacity clipped, so appending to one tag's slice
// can never overwrite the next tag's elements; it is nil when empty.
func window[T any](all []T, from, to int32) []T {
	if from == to {
		return nil
	}
	return all[from:to:to]
}

// quoteList renders values as "a", "b", "c".
func quoteList(values []string) string {
	var b strings.Builder
	for i, v := range values {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", v)
	}
	return b.String()
}
