package servicetags

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"reflect"
	"strconv"
	"strings"
	"unsafe"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// wireFile, wireTag and wireProps are the published schema. Pointers and nil slices tell
// a missing or null key from a zero value: null leaves them nil, [] is a non-nil empty slice.
type wireFile struct {
	ChangeNumber *int64    `json:"changeNumber"`
	Cloud        *string   `json:"cloud"`
	Values       []wireTag `json:"values"`
}

type wireTag struct {
	Name       string     `json:"name"`
	ID         string     `json:"id"`
	Properties *wireProps `json:"properties"`
}

type wireProps struct {
	ChangeNumber    int64        `json:"changeNumber"`
	Region          string       `json:"region"`
	RegionID        int32        `json:"regionId"`
	Platform        string       `json:"platform"`
	SystemService   string       `json:"systemService"`
	AddressPrefixes wirePrefixes `json:"addressPrefixes"`
	NetworkFeatures []string     `json:"networkFeatures"`
}

// wirePrefixes is one "addressPrefixes" array, each element parsed as it is decoded; validate
// checks them. Keeping every element's text (some 93,000 in a Public file) beside its parsed
// form made the provider process touch 3 MB more fresh memory, and in a plan's short-lived
// process each fresh page is a page fault: together they cost more than the decoding.
type wirePrefixes struct {
	present  bool           // the array was there, possibly empty; false for null or a missing key
	prefixes []netip.Prefix // in order; the zero Prefix where an element does not parse
	texts    map[int]string // the published text of each element that is not its prefix's canonical text
}

// text returns element i as published.
func (w *wirePrefixes) text(i int) string { return publishedText(w.prefixes, w.texts, i) }

// publishedText returns element i of a parsed "addressPrefixes" as published: its own text
// when texts holds one, else its prefix's canonical text.
func publishedText(prefixes []netip.Prefix, texts map[int]string, i int) string {
	if s, ok := texts[i]; ok {
		return s
	}
	return prefixes[i].String()
}

// decode reads the JSON body with json v2's defaults, which are what a fail-closed reader
// needs: names match exactly, a name repeated in any object is an error (whatever the
// first value was), invalid UTF-8 is an error, unknown names are checked and skipped, and
// known ones must have their published types.
func decode(data []byte) (*wireFile, error) {
	var w wireFile
	size := min(len(data), 64<<20)                                    // pre-sized for real files, not trusting huge ones
	lists := &listDecoder{prefixes: make([]netip.Prefix, 0, size/40)} // over 40 bytes per prefix
	err := json.Unmarshal(data, &w, json.WithUnmarshalers(json.JoinUnmarshalers(
		json.UnmarshalFromFunc(lists.decodeStrings), json.UnmarshalFromFunc(lists.decodePrefixes))))
	var syn *jsontext.SyntacticError
	var sem *json.SemanticError
	switch {
	case err == nil:
		return &w, nil
	case errors.As(err, &syn):
		where := position(data, syn.ByteOffset) + w.within(syn.JSONPointer)
		switch {
		case errors.Is(syn.Err, io.ErrUnexpectedEOF):
			return nil, fmt.Errorf("service tags file is truncated or malformed JSON: unexpected end of input at %s", where)
		case errors.Is(syn.Err, jsontext.ErrDuplicateName):
			return nil, fmt.Errorf("service tags file has a duplicate key at %s; which value counts would be ambiguous", where)
		}
		return nil, fmt.Errorf("service tags file is malformed JSON at %s: %w", where, syn.Err)
	case errors.As(err, &sem) && sem.GoType != nil:
		where := position(data, sem.ByteOffset) + w.within(sem.JSONPointer)
		found := jsonKinds[sem.JSONKind]
		switch {
		case errors.Is(sem.Err, strconv.ErrRange):
			return nil, fmt.Errorf("service tags file: integer %s is out of range at %s", sem.JSONValue, where)
		case sem.JSONKind == '0' && len(sem.JSONValue) > 0:
			found = string(sem.JSONValue) // "1.5" says more than "a number"
		}
		return nil, fmt.Errorf("service tags file: expected %s, found %s at %s", cmp.Or(goTypes[sem.GoType], "an object"), found, where)
	}
	return nil, fmt.Errorf("service tags file: %w", err)
}

// jsonKinds and goTypes describe a JSON value, and what a wire field takes.
var (
	jsonKinds = map[jsontext.Kind]string{'"': "a string", '0': "a number", '{': "an object", '[': "an array",
		't': "a boolean", 'f': "a boolean", 'n': "null"}
	goTypes = map[reflect.Type]string{reflect.TypeFor[int64](): "an integer", reflect.TypeFor[int32](): "an integer",
		reflect.TypeFor[string](): "a string", reflect.TypeFor[[]string](): "an array of strings",
		reflect.TypeFor[[]wireTag](): "an array of service tag objects"}
)

// within names the JSON value an error is in, with its service tag when the partly
// decoded output has the tag's name.
func (w *wireFile) within(p jsontext.Pointer) string {
	s := string(p)
	if len(s) > 100 { // inside deeply nested unknown values
		s = s[:100] + "..."
	}
	var i int
	if _, err := fmt.Sscanf(s, "/values/%d", &i); err == nil && i < len(w.Values) && w.Values[i].Name != "" {
		s += fmt.Sprintf(" (service tag %q)", w.Values[i].Name)
	}
	if s == "" {
		return ""
	}
	return " in " + s
}

// listDecoder decodes every "addressPrefixes" array into one shared slice of prefixes, and
// every other array of strings ("networkFeatures") into two shared buffers: an allocation for
// each list and each growing slice took half of Parse's time.
type listDecoder struct {
	prefixes []netip.Prefix  // every "addressPrefixes" element, each array a clipped window
	text     strings.Builder // every other string's bytes; strings taken from it stay valid as it grows
	strs     []string        // every other list's elements, each list a clipped window
	scratch  []byte          // an element's unquoted text, when it has escapes
	formed   []byte          // an IPv6 prefix's canonical text
}

// decodeStrings reads one array of strings into out; null and wrong types are left to json v2.
func (l *listDecoder) decodeStrings(dec *jsontext.Decoder, out *[]string) error {
	if dec.PeekKind() != '[' {
		return errors.ErrUnsupported
	}
	start := len(l.strs)
	err := l.eachString(dec, func(raw []byte) {
		off := l.text.Len()
		l.text.Write(raw)
		l.strs = append(l.strs, l.text.String()[off:])
	})
	*out = l.strs[start:len(l.strs):len(l.strs)] // non-nil even when empty, unlike null
	return err
}

// decodePrefixes reads one "addressPrefixes" array, parsing each element. An element that does
// not parse, or whose text is not its prefix's canonical text, keeps its text for validate's
// message and for the tag as published.
func (l *listDecoder) decodePrefixes(dec *jsontext.Decoder, out *wirePrefixes) error {
	switch k := dec.PeekKind(); k {
	case 'n':
		*out = wirePrefixes{}
		_, err := dec.ReadToken()
		return err
	case '[':
	default: // 0 on a syntax error, which reading the value returns
		if _, err := dec.ReadValue(); err != nil {
			return err
		}
		return &json.SemanticError{JSONKind: k, GoType: reflect.TypeFor[[]string]()}
	}
	start := len(l.prefixes)
	*out = wirePrefixes{present: true}
	err := l.eachString(dec, func(raw []byte) {
		// The string shares raw's bytes rather than copying them (93,000 small allocations,
		// 2 MB a plan's provider process had to fault in): a Prefix keeps nothing of its text,
		// the error, which would, is dropped here, and texts keeps a copy.
		p, err := netip.ParsePrefix(unsafe.String(unsafe.SliceData(raw), len(raw)))
		if p.Addr().Is6() { // IPv4 text that parses is canonical; IPv6 can differ in case and zeros
			l.formed = p.AppendTo(l.formed[:0])
		}
		if err != nil || (p.Addr().Is6() && !bytes.Equal(l.formed, raw)) {
			if out.texts == nil {
				out.texts = map[int]string{}
			}
			out.texts[len(l.prefixes)-start] = string(raw)
		}
		l.prefixes = append(l.prefixes, p)
	})
	out.prefixes = l.prefixes[start:len(l.prefixes):len(l.prefixes)]
	return err
}

// eachString reads one array of strings, passing each element's unquoted bytes to use, which
// must copy what it keeps.
func (l *listDecoder) eachString(dec *jsontext.Decoder, use func(raw []byte)) error {
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	for dec.PeekKind() != ']' { // PeekKind is 0 on errors, which ReadValue then returns
		v, err := dec.ReadValue() // checked for syntax and UTF-8 by the decoder
		if err != nil {
			return err
		}
		if v.Kind() != '"' {
			return &json.SemanticError{JSONPointer: dec.StackPointer(), JSONKind: v.Kind(), GoType: reflect.TypeFor[string]()}
		}
		raw := v[1 : len(v)-1] // the string's content, unless it has escapes
		if bytes.IndexByte(raw, '\\') >= 0 {
			l.scratch, _ = jsontext.AppendUnquote(l.scratch[:0], v)
			raw = l.scratch
		}
		use(raw)
	}
	_, err := dec.ReadToken()
	return err
}
