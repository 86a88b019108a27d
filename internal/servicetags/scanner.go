package servicetags

import (
	"encoding/binary"
	"math/bits"
)

// scanner is a strict single-pass JSON reader over one input. It validates the full
// JSON grammar (RFC 8259) of everything it reads or skips; the schema decoder on top of
// it decides which values are kept.
type scanner struct {
	data    []byte
	pos     int
	depth   int
	scratch []byte // decoded content of strings that contain escapes
}

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
