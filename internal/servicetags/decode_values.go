package servicetags

import (
	"fmt"
	"math"
)

// object reads an object, calling member for each key with the scanner before its value.
func (d *decoder) object(here loc, member func(key []byte) error) error {
	if err := d.want('{', here, "an object"); err != nil {
		return err
	}
	d.pos++
	if c, ok := d.next(); ok && c == '}' {
		d.pos++
		return nil
	}
	for {
		k, err := d.key()
		if err != nil {
			return err
		}
		if err := member(k); err != nil {
			return err
		}
		done, err := d.endOfMember('}', "after object key:value pair")
		if err != nil || done {
			return err
		}
	}
}

// once marks a known key as seen, rejecting a second occurrence: with duplicate keys the
// meaning of the file would depend on which one a reader keeps.
func (d *decoder) once(seen *fieldSet, f fieldSet, here loc) error {
	if *seen&f != 0 {
		line, col := position(d.data, d.pos)
		return fmt.Errorf("service tags file: duplicate key %s at byte offset %d (line %d, column %d)", here, d.pos, line, col)
	}
	*seen |= f
	return nil
}

// stringValue reads a string or null (ok false).
func (d *decoder) stringValue(here loc) (v string, ok bool, err error) {
	if null, err := d.isNull(); null || err != nil {
		return "", false, err
	}
	if err := d.want('"', here, "a string"); err != nil {
		return "", false, err
	}
	b, err := d.str()
	if err != nil {
		return "", false, err
	}
	return d.keep(b), true, nil
}

// stringArray appends the strings of an array to out; a null array gives ok false.
// With prefixes set, each string is also parsed into d.parsed while it is still in the
// cache (the arena copy would have to be read back from memory later).
func (d *decoder) stringArray(here loc, out *[]string, prefixes bool) (ok bool, err error) {
	if null, err := d.isNull(); null || err != nil {
		return false, err
	}
	if err := d.want('[', here, "an array of strings"); err != nil {
		return false, err
	}
	d.pos++
	if c, ok := d.next(); ok && c == ']' {
		d.pos++
		return true, nil
	}
	for n := 0; ; n++ {
		if c, ok := d.next(); ok && c != '"' {
			return false, d.want('"', loc{here.tag, fmt.Sprintf("%s[%d]", here.field, n)}, "a string")
		}
		if d.pos >= len(d.data) {
			return false, d.eof()
		}
		b, err := d.str()
		if err != nil {
			return false, err
		}
		*out = append(*out, d.keep(b))
		if prefixes {
			p, _ := fastPrefix(b)
			d.parsed = append(d.parsed, p)
		}
		done, err := d.endOfMember(']', "after array element")
		if err != nil || done {
			return true, err
		}
	}
}

// integer reads a JSON integer that fits in int64, or null (ok false).
func (d *decoder) integer(here loc) (n int64, ok bool, err error) {
	if null, err := d.isNull(); null || err != nil {
		return 0, false, err
	}
	c, more := d.next()
	if more && c != '-' && (c < '0' || c > '9') {
		return 0, false, d.want('0', here, "an integer")
	}
	start := d.pos
	text, isInt, err := d.number()
	if err != nil {
		return 0, false, err
	}
	if !isInt {
		return 0, false, d.schemaError(start, "%s must be an integer, found %s", here, text)
	}
	neg := text[0] == '-'
	if neg {
		text = text[1:]
	}
	var u uint64
	for _, c := range text {
		if u > (math.MaxUint64-9)/10 {
			return 0, false, d.schemaError(start, "%s: integer is out of range", here)
		}
		u = u*10 + uint64(c-'0')
	}
	switch {
	case !neg && u <= math.MaxInt64:
		return int64(u), true, nil
	case neg && u <= 1<<63:
		return int64(-u), true, nil // two's complement handles MinInt64
	}
	return 0, false, d.schemaError(start, "%s: integer is out of range", here)
}

// want checks that the next value starts with byte first; otherwise it reports a type
// mismatch (or a syntax error if no value starts there at all).
func (d *decoder) want(first byte, here loc, what string) error {
	c, ok := d.next()
	if !ok {
		return d.eof()
	}
	if c == first {
		return nil
	}
	found := ""
	switch {
	case c == '{':
		found = "an object"
	case c == '[':
		found = "an array"
	case c == '"':
		found = "a string"
	case c == 't' || c == 'f':
		found = "a boolean"
	case c == 'n':
		found = "null"
	case c == '-' || ('0' <= c && c <= '9'):
		found = "a number"
	default:
		return d.unexpected("looking for beginning of value")
	}
	return d.schemaError(d.pos, "%s must be %s, found %s", here, what, found)
}

// schemaError reports well-formed JSON that does not match the schema, with its position.
func (d *decoder) schemaError(offset int, format string, args ...any) error {
	line, col := position(d.data, offset)
	return fmt.Errorf("service tags file: %s at byte offset %d (line %d, column %d)",
		fmt.Sprintf(format, args...), offset, line, col)
}
