package download

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/azureiprange/terraform-provider-azureiprange/internal/servicetags"
)

// utf8BOM is skipped before looking for the opening brace: some tools save JSON with it.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodeBody turns a body as it arrived (from the network or a pinned file) into the JSON
// text: decompressed when it is gzip, then checked to look like a JSON object. what names it in errors.
func decodeBody(raw []byte, limit int64, what string) ([]byte, error) {
	body, err := gunzip(raw, limit)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	rest := bytes.TrimLeft(bytes.TrimPrefix(body, utf8BOM), " \t\r\n")
	switch {
	case len(rest) == 0:
		return nil, fmt.Errorf("%s: empty body where the service tags JSON was expected", what)
	case rest[0] == '<':
		return nil, &htmlBodyError{what: what}
	case rest[0] != '{':
		return nil, fmt.Errorf("%s: body does not look like the service tags JSON (starts with %q)", what, snippet(rest))
	}
	return body, nil
}

// htmlBodyError is its own type so date probing can treat a soft-404 page as "not this date".
type htmlBodyError struct{ what string }

func (e *htmlBodyError) Error() string {
	return fmt.Sprintf("%s: an HTML page came back where the service tags JSON was expected", e.what)
}

// snippet returns the first few bytes for an error message.
func snippet(b []byte) string {
	const n = 16
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}

// parseBody parses the JSON of one body. A body that stops in the middle of the JSON gets
// its own message, since the parser's would not say why: cut names the likely causes.
func (l *Loader) parseBody(body []byte, what, cut string) (*servicetags.File, error) {
	file, err := l.parse(body)
	if err == nil {
		return file, nil
	}
	if endsMidJSON(body) {
		return nil, fmt.Errorf("the service tags from %s are truncated: the body ended after %d bytes in the middle of the JSON; %s", what, len(body), cut)
	}
	return nil, fmt.Errorf("parsing the service tags from %s: %w", what, err)
}

// endsMidJSON reports whether body is the start of a JSON value that stops before its end.
func endsMidJSON(body []byte) bool {
	var v json.RawMessage
	err := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(body, utf8BOM))).Decode(&v)
	return errors.Is(err, io.ErrUnexpectedEOF)
}
