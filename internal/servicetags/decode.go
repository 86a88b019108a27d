package servicetags

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

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
	ChangeNumber    int64    `json:"changeNumber"`
	Region          string   `json:"region"`
	RegionID        int32    `json:"regionId"`
	Platform        string   `json:"platform"`
	SystemService   string   `json:"systemService"`
	AddressPrefixes []string `json:"addressPrefixes"`
	NetworkFeatures []string `json:"networkFeatures"`
}

// decode reads the JSON body with json v2's defaults, which are what a fail-closed reader
// needs: names match exactly, a name repeated in any object is an error (whatever the
// first value was), invalid UTF-8 is an error, unknown names are checked and skipped, and
// known ones must have their published types.
func decode(data []byte) (*wireFile, error) {
	var w wireFile
	size := min(len(data), 64<<20)                          // pre-sized for real files, not trusting huge ones
	lists := &stringLists{strs: make([]string, 0, size/40)} // over 40 bytes per prefix
	lists.text.Grow(size / 2)
	err := json.Unmarshal(data, &w, json.WithUnmarshalers(json.UnmarshalFromFunc(lists.decode)))
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

// stringLists decodes every array of strings ("addressPrefixes", "networkFeatures": some
// 100,000 short strings in a real file) into two shared buffers: an allocation for each
// string and each growing slice took half of Parse's time.
type stringLists struct {
	text    strings.Builder // every string's bytes; strings taken from it stay valid as it grows
	strs    []string        // every list's elements, each list a clipped window
	scratch []byte
}

// decode reads one array of strings into out; null and wrong types are left to json v2.
func (l *stringLists) decode(dec *jsontext.Decoder, out *[]string) error {
	if dec.PeekKind() != '[' {
		return errors.ErrUnsupported
	}
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	start := len(l.strs)
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
		off := l.text.Len()
		l.text.Write(raw)
		l.strs = append(l.strs, l.text.String()[off:])
	}
	_, err := dec.ReadToken()
	*out = l.strs[start:len(l.strs):len(l.strs)] // non-nil even when empty, unlike null
	return err
}
