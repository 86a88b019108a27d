package servicetags

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

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
	f := &File{ChangeNumber: raw.changeNumber, Cloud: raw.cloud}
	if !isKnownCloud(f.Cloud) {
		return nil, fmt.Errorf("service tags file has unknown cloud %q; known clouds: %s", f.Cloud, quoteList(knownClouds))
	}
	if len(raw.tags) == 0 {
		return nil, fmt.Errorf(`service tags file (cloud %s, change %d) has no service tags: "values" is empty`, f.Cloud, f.ChangeNumber)
	}
	if err := checkTags(raw, d); err != nil {
		return nil, err
	}
	if err := finishPrefixes(raw, d); err != nil {
		return nil, err
	}

	// Sort (name, index) pairs: comparing names held inline is cheaper than going
	// through the raw tags for every comparison.
	type named struct {
		name string
		raw  int32
	}
	order := make([]named, len(raw.tags))
	for i := range order {
		order[i] = named{raw.tags[i].name, int32(i)}
	}
	slices.SortFunc(order, func(a, b named) int { return strings.Compare(a.name, b.name) })
	f.Tags = make([]Tag, len(raw.tags))
	for pos, o := range order {
		t := &raw.tags[o.raw]
		f.Tags[pos] = Tag{
			Name:            o.name,
			ID:              t.id,
			Region:          t.region,
			RegionID:        t.regionID,
			Platform:        t.platform,
			SystemService:   t.systemSvc,
			ChangeNumber:    t.changeNumber,
			NetworkFeatures: window(d.features, t.featFrom, t.featTo),
			AddressPrefixes: window(d.prefixes, t.prefixFrom, t.prefixTo),
			Prefixes:        window(d.parsed, t.prefixFrom, t.prefixTo),
		}
	}
	if err := f.index(); err != nil {
		return nil, err
	}
	return f, nil
}

// checkTags enforces the per-tag required fields.
func checkTags(raw *rawFile, d *decoder) error {
	for i := range raw.tags {
		t := &raw.tags[i]
		name := t.name
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

// finishPrefixes completes d.parsed: the decoder already parsed the usual forms; the rest
// get the full (slow) check here, where the tag name for the error is known.
func finishPrefixes(raw *rawFile, d *decoder) error {
	for i := range raw.tags {
		t := &raw.tags[i]
		for k := t.prefixFrom; k < t.prefixTo; k++ {
			if d.parsed[k].IsValid() {
				continue
			}
			p, err := slowPrefix(d.prefixes[k])
			if err != nil {
				return fmt.Errorf("service tag %q: %w", t.name, err)
			}
			d.parsed[k] = p
		}
	}
	return nil
}

// window returns all[from:to] with its capacity clipped, so appending to one tag's slice
// can never overwrite the next tag's elements; it is nil when empty.
func window[T any](all []T, from, to int32) []T {
	if from == to {
		return nil
	}
	return all[from:to:to]
}
