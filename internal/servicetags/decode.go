package servicetags

import (
	"fmt"
	"math"
	"net/netip"
	"strings"
)

// rawFile is the schema-level result of decoding, before validation and indexing.
type rawFile struct {
	changeNumber int64
	cloud        string
	seen         fieldSet
	tags         []rawTag
}

// rawTag is one element of "values". Prefix and feature strings live in the decoder's
// shared lists; a tag records the range it owns.
type rawTag struct {
	offset                                 int // byte offset of the tag object, for errors
	name, id, region, platform, systemSvc  string
	changeNumber                           int64
	regionID                               int
	prefixFrom, prefixTo, featFrom, featTo int32
	seen                                   fieldSet
}

// fieldSet records which known keys an object had, to catch missing and duplicate keys.
type fieldSet uint16

const (
	fChangeNumber fieldSet = 1 << iota
	fCloud
	fValues
	fName
	fID
	fProperties
	fRegion
	fRegionID
	fPlatform
	fSystemService
	fAddressPrefixes
	fNetworkFeatures
)

// decoder maps the published schema onto rawFile. Every decoded string is appended to one
// arena, so all strings of a File normally share a single allocation.
type decoder struct {
	scanner
	arena    strings.Builder
	prefixes []string
	parsed   []netip.Prefix // one per prefixes entry; invalid where the fast path declined
	features []string
}

// loc names a place in the document for error messages; tag < 0 means the top level.
type loc struct {
	tag   int
	field string
}

func (l loc) String() string {
	switch {
	case l.tag < 0:
		return fmt.Sprintf("%q", l.field)
	case l.field == "":
		return fmt.Sprintf("values[%d]", l.tag)
	}
	return fmt.Sprintf("values[%d].%s", l.tag, l.field)
}

// keep copies a decoded string into the arena and returns it as a string. Strings taken
// from a strings.Builder stay valid and unchanged while it grows (it never rewrites
// written bytes), so each one can be handed out at once; should the arena outgrow its
// initial size, older strings simply keep the previous buffer alive.
func (d *decoder) keep(b []byte) string {
	off := d.arena.Len()
	d.arena.Write(b)
	return d.arena.String()[off:]
}

// file decodes the top-level object; the scanner must be positioned at its '{'.
func (d *decoder) file() (*rawFile, error) {
	f := &rawFile{tags: make([]rawTag, 0, len(d.data)/1024+16)} // real files: 560-1350 bytes per tag
	err := d.object(loc{-1, "top level"}, func(key []byte) error {
		var err error
		switch string(key) {
		case "changeNumber":
			if err = d.once(&f.seen, fChangeNumber, loc{-1, "changeNumber"}); err == nil {
				var ok bool
				f.changeNumber, ok, err = d.integer(loc{-1, "changeNumber"})
				if !ok {
					f.seen &^= fChangeNumber // null counts as missing
				}
			}
		case "cloud":
			if err = d.once(&f.seen, fCloud, loc{-1, "cloud"}); err == nil {
				var ok bool
				f.cloud, ok, err = d.stringValue(loc{-1, "cloud"})
				if !ok {
					f.seen &^= fCloud
				}
			}
		case "values":
			if err = d.once(&f.seen, fValues, loc{-1, "values"}); err == nil {
				err = d.values(f)
			}
		default:
			err = d.skipValue()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	d.skipSpace()
	if d.pos < len(d.data) {
		return nil, d.unexpected("after the top-level object")
	}
	return f, nil
}

// values decodes the array of service tags.
func (d *decoder) values(f *rawFile) error {
	here := loc{-1, "values"}
	if null, err := d.isNull(); null || err != nil {
		f.seen &^= fValues
		return err
	}
	if err := d.want('[', here, "an array of service tag objects"); err != nil {
		return err
	}
	d.pos++
	if c, ok := d.next(); ok && c == ']' {
		d.pos++
		return nil
	}
	for i := 0; ; i++ {
		d.skipSpace()
		t := rawTag{offset: d.pos}
		if err := d.tag(&t, i); err != nil {
			return err
		}
		f.tags = append(f.tags, t)
		done, err := d.endOfMember(']', "after array element")
		if err != nil || done {
			return err
		}
	}
}

// tag decodes one service tag object.
func (d *decoder) tag(t *rawTag, i int) error {
	return d.object(loc{i, ""}, func(key []byte) error {
		var err error
		switch string(key) {
		case "name":
			if err = d.once(&t.seen, fName, loc{i, "name"}); err == nil {
				t.name, _, err = d.stringValue(loc{i, "name"})
			}
		case "id":
			if err = d.once(&t.seen, fID, loc{i, "id"}); err == nil {
				t.id, _, err = d.stringValue(loc{i, "id"})
			}
		case "properties":
			if err = d.once(&t.seen, fProperties, loc{i, "properties"}); err == nil {
				err = d.properties(t, i)
			}
		default:
			err = d.skipValue()
		}
		return err
	})
}

// properties decodes a tag's "properties" object.
func (d *decoder) properties(t *rawTag, i int) error {
	if null, err := d.isNull(); null || err != nil {
		t.seen &^= fProperties
		return err
	}
	return d.object(loc{i, "properties"}, func(key []byte) error {
		var err error
		switch string(key) {
		case "changeNumber":
			if err = d.once(&t.seen, fChangeNumber, loc{i, "properties.changeNumber"}); err == nil {
				t.changeNumber, _, err = d.integer(loc{i, "properties.changeNumber"})
			}
		case "region":
			if err = d.once(&t.seen, fRegion, loc{i, "properties.region"}); err == nil {
				t.region, _, err = d.stringValue(loc{i, "properties.region"})
			}
		case "regionId":
			if err = d.once(&t.seen, fRegionID, loc{i, "properties.regionId"}); err == nil {
				var n int64
				n, _, err = d.integer(loc{i, "properties.regionId"})
				if err == nil && (n < math.MinInt32 || n > math.MaxInt32) {
					err = fmt.Errorf("service tags file: values[%d].properties.regionId %d is out of range", i, n)
				}
				t.regionID = int(n)
			}
		case "platform":
			if err = d.once(&t.seen, fPlatform, loc{i, "properties.platform"}); err == nil {
				t.platform, _, err = d.stringValue(loc{i, "properties.platform"})
			}
		case "systemService":
			if err = d.once(&t.seen, fSystemService, loc{i, "properties.systemService"}); err == nil {
				t.systemSvc, _, err = d.stringValue(loc{i, "properties.systemService"})
			}
		case "addressPrefixes":
			if err = d.once(&t.seen, fAddressPrefixes, loc{i, "properties.addressPrefixes"}); err == nil {
				t.prefixFrom = int32(len(d.prefixes))
				var ok bool
				ok, err = d.stringArray(loc{i, "properties.addressPrefixes"}, &d.prefixes, true)
				if !ok {
					t.seen &^= fAddressPrefixes // null: treated as missing
				}
				t.prefixTo = int32(len(d.prefixes))
			}
		case "networkFeatures":
			if err = d.once(&t.seen, fNetworkFeatures, loc{i, "properties.networkFeatures"}); err == nil {
				t.featFrom = int32(len(d.features))
				_, err = d.stringArray(loc{i, "properties.networkFeatures"}, &d.features, false)
				t.featTo = int32(len(d.features))
			}
		default:
			err = d.skipValue()
		}
		return err
	})
}
