package servicetags

import (
	"bytes"
	"fmt"
	"strconv"
)

// SyntaxError reports input that is not complete, well-formed JSON, with its position.
type SyntaxError struct {
	// Offset is the byte offset (from the start of the input) where the problem was found.
	Offset int
	// Line and Column are the 1-based position of Offset, for humans.
	Line, Column int
	// Truncated is set when the input ended in the middle of the document.
	Truncated bool
	// Msg describes the problem.
	Msg string
}

// Error implements error.
func (e *SyntaxError) Error() string {
	if e.Truncated {
		return fmt.Sprintf("service tags file is truncated or malformed JSON: unexpected end of input at byte offset %d (line %d, column %d)",
			e.Offset, e.Line, e.Column)
	}
	return fmt.Sprintf("service tags file is malformed JSON at byte offset %d (line %d, column %d): %s",
		e.Offset, e.Line, e.Column, e.Msg)
}

// newSyntaxError builds a SyntaxError at offset of data, computing line and column.
func newSyntaxError(data []byte, offset int, truncated bool, msg string) *SyntaxError {
	line, col := position(data, offset)
	return &SyntaxError{Offset: offset, Line: line, Column: col, Truncated: truncated, Msg: msg}
}

// position converts a byte offset into a 1-based line and column.
func position(data []byte, offset int) (line, col int) {
	if offset > len(data) {
		offset = len(data)
	}
	before := data[:offset]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = offset - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// eof reports that the input ended inside the document.
func (s *scanner) eof() error {
	return newSyntaxError(s.data, len(s.data), true, "unexpected end of input")
}

// unexpected reports the byte at s.pos as an invalid character in the given context.
func (s *scanner) unexpected(context string) error {
	if s.pos >= len(s.data) {
		return s.eof()
	}
	return newSyntaxError(s.data, s.pos, false,
		fmt.Sprintf("invalid character %s %s", quoteByte(s.data[s.pos], 0), context))
}

// errorf reports a syntax problem at s.pos.
func (s *scanner) errorf(format string, args ...any) error {
	return newSyntaxError(s.data, s.pos, false, fmt.Sprintf(format, args...))
}

// quoteByte renders a byte for an error message, e.g. 'x' or '\n'; prefix (if not 0) is
// shown before it, for escape sequences.
func quoteByte(c, prefix byte) string {
	if c >= 0x80 {
		return fmt.Sprintf("byte %#02x", c)
	}
	s := strconv.QuoteRuneToASCII(rune(c))
	if prefix != 0 {
		return "'" + string(prefix) + s[1:]
	}
	return s
}
