package servicetags

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf16"
	"unicode/utf8"
)

// plainStringByte marks bytes that can be copied as-is inside a JSON string: anything but
// the quote, the backslash, control characters and non-ASCII (which needs UTF-8 checks).
var plainStringByte = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

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
	// Reuse the scratch buffer's storage; it is handed back to s.scratch when the string ends.
	buf := s.scratch[:0]
	buf = append(buf, s.data[start:i]...)
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
