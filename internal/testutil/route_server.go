package testutil

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// RouteServer is an HTTPS test server standing in for download.microsoft.com and the Download
// Center pages: a handler per path (404 for the rest) and a request count per path, so a
// test proves which steps of the download ran and how often.
type RouteServer struct {
	*httptest.Server
	mu          sync.Mutex
	routes      map[string]http.HandlerFunc
	hits        map[string]int
	total       int
	conditional int
}

// NewRouteServer starts a RouteServer that stops with the test.
func NewRouteServer(tb testing.TB) *RouteServer {
	tb.Helper()
	s := &RouteServer{routes: map[string]http.HandlerFunc{}, hits: map[string]int{}}
	s.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.total++
		s.hits[r.URL.Path]++
		if r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "" {
			s.conditional++
		}
		h := s.routes[r.URL.Path]
		s.mu.Unlock()
		if h == nil {
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}))
	tb.Cleanup(s.Close)
	return s
}

// Handle sets (or replaces) the handler for a path.
func (s *RouteServer) Handle(path string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.routes[path] = h
}

// Count is how many requests reached path.
func (s *RouteServer) Count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// Total is how many requests reached the server.
func (s *RouteServer) Total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.total
}

// Conditional is how many requests carried If-None-Match or If-Modified-Since.
func (s *RouteServer) Conditional() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conditional
}

// URLOf is the absolute address of path on this server.
func (s *RouteServer) URLOf(path string) string { return s.URL + path }
