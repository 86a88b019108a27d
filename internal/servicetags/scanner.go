package servicetags

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDepth bounds nesting inside skipped (unknown) values so hostile input cannot
// exhaust the stack; encoding/json uses the same limit.
const maxDepth = 10000

// scanner is a strict single-pass JSON reader over one input. It validates the full
// JSON grammar (RFC 8259) of everything it reads or skips; the schema decoder on top of
// it decides which values are kept.
type scanner struct {
	data    []byte
	pos     int
	depth   int
	scratch []byte // decoded content of strings that contain escapes
}

// plainStringByte marks bytes that can be copied as-is inside a JSON string: anything but
// the quote, the backslash, control characters and non-ASCII (which needs UTF-8 checks).
var plainStringByte = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// skipSpace moves past JSON whitespace. Indentation is most of a pretty-printed file, so
// it compares eight bytes at a time against spaces and jumps to the first other byte.
func (s *scanner) skipSpace() {
	i := s.pos
	for i+8 <= len(s.data) {
		x := binary.LittleEndian.Uint64(s.data[i:]) ^ (lsb * ' ')
		if x == 0 {
			i += 8
			continue
		}
		i += bits.TrailingZeros64(x) / 8
		if c := s.data[i]; c != '\n' && c != '\r' && c != '\t' {
			s.pos = i
			return
		}
		i++
	}
	for i < len(s.data) {
		switch s.data[i] {
		case ' ', '\n', '\r', '\t':
			i++
			continue
		}
		break
	}
	s.pos = i
}

// next skips whitespace and returns the next byte without consuming it; ok is false at the end.
func (s *scanner) next() (c byte, ok bool) {
	s.skipSpace()
	if s.pos >= len(s.data) {
		return 0, false
	}
	return s.data[s.pos], true
}

// expect consumes byte want after optional whitespace, or reports what was found instead.
func (s *scanner) expect(want byte, context string) error {
	c, ok := s.next()
	if !ok {
		return s.eof()
	}
	if c != want {
		return s.unexpected(context)
	}
	s.pos++
	return nil
}

// endOfMember consumes the ',' or closing byte after an object member or array element
// and reports whether the container has ended.
func (s *scanner) endOfMember(closer byte, context string) (done bool, err error) {
	c, ok := s.next()
	if !ok {
		return false, s.eof()
	}
	switch c {
	case ',':
		s.pos++
		return false, nil
	case closer:
		s.pos++
		return true, nil
	}
	return false, s.unexpected(context)
}

// str reads the JSON string starting at s.pos (a '"') and returns its decoded content.
// The result aliases the input when the string has no escapes, or s.scratch otherwise,
// so it is only valid until the next call.
func (s *scanner) str() ([]byte, error) {
	start := s.pos + 1
	i := start
	// Eight bytes at a time up to the first byte that is not plain (see specialBytes).
	for i+8 <= len(s.data) {
		if m := specialBytes(binary.LittleEndian.Uint64(s.data[i:])); m != 0 {
			i += bits.TrailingZeros64(m) / 8
			break
		}
		i += 8
	}
	for i < len(s.data) && plainStringByte[s.data[i]] {
		i++
	}
	if i < len(s.data) && s.data[i] == '"' {
		s.pos = i + 1
		return s.data[start:i], nil
	}
	return s.strSlow(start, i)
}

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// specialBytes flags (with the byte's top bit) each byte of the little-endian word x that
// is a quote, a backslash, a control character or non-ASCII. Borrows can flag a byte
// above a flagged one falsely, but never below, so the lowest flag is always exact.
func specialBytes(x uint64) uint64 {
	q := x ^ (lsb * '"')
	b := x ^ (lsb * '\\')
	return (((q - lsb) &^ q) | ((b - lsb) &^ b) | ((x - lsb*0x20) &^ x) | x) & msb
}

// strSlow finishes a string that contains escapes, control characters or non-ASCII bytes.
// Invalid UTF-8 and lone surrogates become U+FFFD, as encoding/json does.
func (s *scanner) strSlow(start, i int) ([]byte, error) {
	buf := append(s.scratch[:0], s.data[start:i]...)
	for {
		if i >= len(s.data) {
			s.pos = i
			return nil, s.eof()
		}
		c := s.data[i]
		switch {
		case c == '"':
			s.pos = i + 1
			s.scratch = buf
			return buf, nil
		case c == '\\':
			var err error
			buf, i, err = s.escape(buf, i)
			if err != nil {
				return nil, err
			}
		case c < 0x20:
			s.pos = i
			return nil, s.errorf("control character %#02x inside a string", c)
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			i++
		default:
			r, size := utf8.DecodeRune(s.data[i:])
			buf = utf8.AppendRune(buf, r) // RuneError for invalid bytes
			i += size
		}
	}
}

// escape decodes the escape sequence at s.data[i] (a backslash), appending it to buf.
func (s *scanner) escape(buf []byte, i int) ([]byte, int, error) {
	if i+1 >= len(s.data) {
		s.pos = len(s.data)
		return nil, 0, s.eof()
	}
	switch c := s.data[i+1]; c {
	case '"', '\\', '/':
		return append(buf, c), i + 2, nil
	case 'b':
		return append(buf, '\b'), i + 2, nil
	case 'f':
		return append(buf, '\f'), i + 2, nil
	case 'n':
		return append(buf, '\n'), i + 2, nil
	case 'r':
		return append(buf, '\r'), i + 2, nil
	case 't':
		return append(buf, '\t'), i + 2, nil
	case 'u':
		r, err := s.hex4(i + 2)
		if err != nil {
			return nil, 0, err
		}
		i += 6
		if utf16.IsSurrogate(r) {
			// A high surrogate must be followed by an escaped low one to form a rune.
			if i+1 < len(s.data) && s.data[i] == '\\' && s.data[i+1] == 'u' {
				r2, err := s.hex4(i + 2)
				if err != nil {
					return nil, 0, err
				}
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					return utf8.AppendRune(buf, dec), i + 6, nil
				}
			}
			r = utf8.RuneError
		}
		return utf8.AppendRune(buf, r), i, nil
	default:
		s.pos = i + 1
		return nil, 0, s.errorf("invalid escape sequence %s in a string", quoteByte(c, '\\'))
	}
}

// hex4 decodes the four hex digits of a \u escape starting at s.data[i].
func (s *scanner) hex4(i int) (rune, error) {
	var r rune
	for k := 0; k < 4; k++ {
		if i+k >= len(s.data) {
			s.pos = len(s.data)
			return 0, s.eof()
		}
		c := s.data[i+k]
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			s.pos = i + k
			return 0, s.errorf("invalid character %s in \\u escape", quoteByte(s.data[i+k], 0))
		}
		r = r<<4 | rune(c)
	}
	return r, nil
}

// number consumes a JSON number at s.pos and returns its text and whether it is an integer
// (no fraction or exponent).
func (s *scanner) number() (text []byte, isInt bool, err error) {
	start := s.pos
	i := start
	if i < len(s.data) && s.data[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s.data) && '0' <= s.data[i] && s.data[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i >= len(s.data):
		s.pos = i
		return nil, false, s.eof()
	case s.data[i] == '0':
		i++ // a leading zero stands alone
	case '1' <= s.data[i] && s.data[i] <= '9':
		digits()
	default:
		s.pos = i
		return nil, false, s.unexpected("in numeric literal")
	}
	isInt = true
	if i < len(s.data) && s.data[i] == '.' {
		i++
		isInt = false
		if digits() == 0 {
			return nil, false, s.badNumberAt(i)
		}
	}
	if i < len(s.data) && (s.data[i] == 'e' || s.data[i] == 'E') {
		i++
		isInt = false
		if i < len(s.data) && (s.data[i] == '+' || s.data[i] == '-') {
			i++
		}
		if digits() == 0 {
			return nil, false, s.badNumberAt(i)
		}
	}
	s.pos = i
	return s.data[start:i], isInt, nil
}

func (s *scanner) badNumberAt(i int) error {
	s.pos = i
	if i >= len(s.data) {
		return s.eof()
	}
	return s.unexpected("in numeric literal")
}

// literal consumes one of the words true, false or null at s.pos.
func (s *scanner) literal() error {
	for _, w := range [...]string{"true", "false", "null"} {
		if s.data[s.pos] != w[0] {
			continue
		}
		for k := 1; k < len(w); k++ {
			if s.pos+k >= len(s.data) {
				s.pos = len(s.data)
				return s.eof()
			}
			if s.data[s.pos+k] != w[k] {
				s.pos += k
				return s.unexpected("in literal " + w)
			}
		}
		s.pos += len(w)
		return nil
	}
	return s.unexpected("looking for beginning of value")
}

// isNull consumes a null literal if one comes next.
func (s *scanner) isNull() (bool, error) {
	c, ok := s.next()
	if !ok || c != 'n' {
		return false, nil
	}
	return true, s.literal()
}

// skipValue validates and discards the next JSON value; used for fields this package ignores.
func (s *scanner) skipValue() error {
	c, ok := s.next()
	if !ok {
		return s.eof()
	}
	switch {
	case c == '"':
		_, err := s.str()
		return err
	case c == '{' || c == '[':
		return s.skipContainer(c)
	case c == '-' || ('0' <= c && c <= '9'):
		_, _, err := s.number()
		return err
	default:
		return s.literal()
	}
}

// skipContainer validates and discards an object or array starting at s.pos.
func (s *scanner) skipContainer(open byte) error {
	s.depth++
	if s.depth > maxDepth {
		return s.errorf("exceeded max nesting depth %d", maxDepth)
	}
	s.pos++
	closer := byte(']')
	if open == '{' {
		closer = '}'
	}
	if c, ok := s.next(); !ok {
		return s.eof()
	} else if c == closer {
		s.pos++
		s.depth--
		return nil
	}
	for {
		if open == '{' {
			if _, err := s.key(); err != nil {
				return err
			}
		}
		if err := s.skipValue(); err != nil {
			return err
		}
		done, err := s.endOfMember(closer, "after "+containerWord(open)+" element")
		if err != nil {
			return err
		}
		if done {
			s.depth--
			return nil
		}
	}
}

// key reads an object key and the colon after it, returning the decoded key.
func (s *scanner) key() ([]byte, error) {
	c, ok := s.next()
	if !ok {
		return nil, s.eof()
	}
	if c != '"' {
		return nil, s.unexpected("looking for beginning of object key string")
	}
	k, err := s.str()
	if err != nil {
		return nil, err
	}
	if err := s.expect(':', "after object key"); err != nil {
		return nil, err
	}
	return k, nil
}

func containerWord(open byte) string {
	if open == '{' {
		return "object"
	}
	return "array"
}
