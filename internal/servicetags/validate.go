package servicetags

import (
	"bytes"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/suggest"
)

// validate checks what the schema alone cannot and builds the File, tags sorted by name:
// an integer "changeNumber", a known "cloud", a non-empty "values" whose every tag has a
// name unique regardless of case and "properties.addressPrefixes" (possibly empty).
func (w *wireFile) validate(data []byte) (*File, error) {
	switch {
	case w.ChangeNumber == nil:
		return nil, fmt.Errorf(`service tags file has no "changeNumber"`)
	case w.Cloud == nil:
		return nil, fmt.Errorf(`service tags file has no "cloud"`)
	case w.Values == nil:
		return nil, fmt.Errorf(`service tags file has no "values"`)
	case !slices.Contains(knownClouds, *w.Cloud):
		return nil, fmt.Errorf("service tags file has unknown cloud %q; known clouds: %s", *w.Cloud, suggest.Quote(knownClouds))
	case *w.ChangeNumber < 0:
		return nil, fmt.Errorf(`service tags file has a negative "changeNumber" (%d); Microsoft's grow from 1`, *w.ChangeNumber)
	case len(w.Values) == 0:
		return nil, fmt.Errorf(`service tags file (cloud %s, change %d) has no service tags: "values" is empty`, *w.Cloud, *w.ChangeNumber)
	}
	seen := make(map[string]int, len(w.Values)) // folded name -> index in values
	for i, t := range w.Values {
		key := foldKey(t.Name)
		j, dup := seen[key]
		switch {
		case t.Name == "":
			return nil, fmt.Errorf("service tags file: the service tag at /values/%d, %s, has no name", i, position(data, offsetOf(data, i)))
		case t.Properties == nil:
			return nil, fmt.Errorf(`service tag %q (/values/%d) has no "properties"`, t.Name, i)
		case !t.Properties.AddressPrefixes.present:
			return nil, fmt.Errorf(`service tag %q (/values/%d) has no "properties.addressPrefixes"`, t.Name, i)
		case dup && w.Values[j].Name == t.Name:
			return nil, fmt.Errorf("service tags file has two service tags named %q (/values/%d and /values/%d)", t.Name, j, i)
		case dup:
			return nil, fmt.Errorf("service tags file has service tags %q and %q whose names differ only in case (/values/%d and /values/%d)",
				w.Values[j].Name, t.Name, j, i)
		}
		seen[key] = i
	}
	slices.SortFunc(w.Values, func(a, b wireTag) int { return strings.Compare(a.Name, b.Name) })
	f := &File{ChangeNumber: *w.ChangeNumber, Cloud: *w.Cloud, Tags: make([]Tag, len(w.Values))}
	for i, t := range w.Values {
		p := t.Properties
		if err := checkPrefixes(t.Name, &p.AddressPrefixes); err != nil {
			return nil, err
		}
		f.Tags[i] = Tag{Name: t.Name, ID: t.ID, Region: p.Region, RegionID: int(p.RegionID), Platform: p.Platform,
			SystemService: p.SystemService, ChangeNumber: p.ChangeNumber, NetworkFeatures: nilIfEmpty(p.NetworkFeatures),
			Prefixes: nilIfEmpty(p.AddressPrefixes.prefixes), texts: p.AddressPrefixes.texts}
	}
	return f, nil
}

// checkPrefixes checks a tag's parsed prefixes. Each must have parsed, be canonical (no
// Microsoft file has host bits set, so they mean a damaged file, and masking them would
// change the allow-list) and pass the plausibility gate.
func checkPrefixes(tag string, w *wirePrefixes) error {
	for i, p := range w.prefixes {
		switch {
		case !p.IsValid():
			s := w.texts[i]
			_, err := netip.ParsePrefix(s)
			why := strings.TrimPrefix(err.Error(), fmt.Sprintf("netip.ParsePrefix(%q): ", s))
			return fmt.Errorf("service tag %q: address prefix %q is not a valid CIDR prefix: %s", tag, s, why)
		case p.Masked() != p:
			return fmt.Errorf("service tag %q: address prefix %q has host bits set (the network is %s); "+
				"Microsoft publishes canonical prefixes, so the file is suspect", tag, w.text(i), p.Masked())
		case Implausible(p) != "":
			return fmt.Errorf("service tags file is not plausible: service tag %q lists %q: %s; no Microsoft file "+
				"has carried such a prefix, so the file is damaged or not Microsoft's", tag, w.text(i), Implausible(p))
		}
	}
	return nil
}

// nilIfEmpty keeps "no elements" one value, nil, whether the file wrote null or [].
func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

// offsetOf finds where element i of "values" starts, for the one message that cannot name
// its tag; a second pass over the tokens costs nothing on an error path.
func offsetOf(data []byte, i int) int64 {
	dec, ptr := jsontext.NewDecoder(bytes.NewReader(data)), jsontext.Pointer(fmt.Sprintf("/values/%d", i))
	for {
		if _, err := dec.ReadToken(); err != nil || dec.StackPointer() == ptr {
			return dec.InputOffset() - 1 // the object's '{'
		}
	}
}
