package main

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
)

// registry answers the provider registry protocol's two operations for one release, and
// serves the release's files under /files/.
type registry struct {
	rel        *release
	namespace  string
	typ        string
	keyID      string // upper-case hex, as the protocol wants
	publicKey  string // ASCII-armoured
	filesURL   string // absolute, ending in "/"
	requestLog func(format string, args ...any)
}

type versionsResponse struct {
	Versions []versionEntry `json:"versions"`
}

type versionEntry struct {
	Version   string         `json:"version"`
	Protocols []string       `json:"protocols"`
	Platforms []platformJSON `json:"platforms"`
}

type platformJSON struct {
	OS   string `json:"os"`
	Arch string `json:"arch"`
}

type downloadResponse struct {
	Protocols           []string    `json:"protocols"`
	OS                  string      `json:"os"`
	Arch                string      `json:"arch"`
	Filename            string      `json:"filename"`
	DownloadURL         string      `json:"download_url"`
	ShasumsURL          string      `json:"shasums_url"`
	ShasumsSignatureURL string      `json:"shasums_signature_url"`
	Shasum              string      `json:"shasum"`
	SigningKeys         signingKeys `json:"signing_keys"`
}

type signingKeys struct {
	GPGPublicKeys []gpgPublicKey `json:"gpg_public_keys"`
}

type gpgPublicKey struct {
	KeyID      string `json:"key_id"`
	ASCIIArmor string `json:"ascii_armor"`
}

func (g *registry) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/providers/{namespace}/{type}/versions", g.versions)
	mux.HandleFunc("GET /v1/providers/{namespace}/{type}/{version}/download/{os}/{arch}", g.download)
	mux.HandleFunc("GET /files/{name}", g.file)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g.requestLog("%s %s", r.Method, r.URL.Path)
		mux.ServeHTTP(w, r)
	})
}

// isOurs tells whether the request names the provider this registry serves.
func (g *registry) isOurs(r *http.Request) bool {
	return r.PathValue("namespace") == g.namespace && r.PathValue("type") == g.typ
}

func (g *registry) versions(w http.ResponseWriter, r *http.Request) {
	if !g.isOurs(r) {
		http.NotFound(w, r)
		return
	}
	entry := versionEntry{Version: g.rel.version, Protocols: g.rel.protocols, Platforms: []platformJSON{}}
	for p := range g.rel.packages {
		entry.Platforms = append(entry.Platforms, platformJSON{OS: p.os, Arch: p.arch})
	}
	slices.SortFunc(entry.Platforms, func(a, b platformJSON) int {
		return strings.Compare(a.OS+"_"+a.Arch, b.OS+"_"+b.Arch)
	})
	writeJSON(w, versionsResponse{Versions: []versionEntry{entry}})
}

func (g *registry) download(w http.ResponseWriter, r *http.Request) {
	p := platform{r.PathValue("os"), r.PathValue("arch")}
	pkg, ok := g.rel.packages[p]
	if !g.isOurs(r) || r.PathValue("version") != g.rel.version || !ok {
		http.NotFound(w, r)
		return
	}
	writeJSON(w, downloadResponse{
		Protocols:           g.rel.protocols,
		OS:                  p.os,
		Arch:                p.arch,
		Filename:            pkg.filename,
		DownloadURL:         g.filesURL + pkg.filename,
		ShasumsURL:          g.filesURL + g.rel.sumsName,
		ShasumsSignatureURL: g.filesURL + g.rel.sigName,
		Shasum:              pkg.shasum,
		SigningKeys:         signingKeys{GPGPublicKeys: []gpgPublicKey{{KeyID: g.keyID, ASCIIArmor: g.publicKey}}},
	})
}

// file serves only the checksums, their signature and the packages they name.
func (g *registry) file(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	served := name == g.rel.sumsName || name == g.rel.sigName
	for _, pkg := range g.rel.packages {
		served = served || name == pkg.filename
	}
	if !served {
		http.NotFound(w, r)
		return
	}
	http.ServeFile(w, r, filepath.Join(g.rel.dir, name))
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
