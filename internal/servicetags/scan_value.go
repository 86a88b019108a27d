package servicetags

// maxDepth bounds nesting inside skipped (unknown) values so hostile input cannot
// exhaust the stack; encoding/json uses the same limit.
const maxDepth = 10000

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

func containerWord(open byte) string {
	if open == '{' {
		return "object"
	}
	return "array"
}
