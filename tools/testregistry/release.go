package main

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// release is one version of one provider as GoReleaser lays it out: zips, a SHA256SUMS file
// naming them, its detached signature, and the registry manifest.
type release struct {
	dir       string
	version   string
	protocols []string
	sumsName  string
	sigName   string
	packages  map[platform]pkg
}

type platform struct{ os, arch string }

type pkg struct{ filename, shasum string }

// loadRelease reads the release of terraform-provider-<typ> in dir. The version comes from the
// SHA256SUMS file's name and the packages from its lines, so only what the signed checksums
// name is ever served.
func loadRelease(dir, typ, manifestPath string) (*release, error) {
	prefix := "terraform-provider-" + typ + "_"
	sums, err := filepath.Glob(filepath.Join(dir, prefix+"*_SHA256SUMS"))
	if err != nil {
		return nil, err
	}
	if len(sums) != 1 {
		return nil, fmt.Errorf("want exactly one %s<version>_SHA256SUMS in %s, found %d: is this GoReleaser's dist folder?", prefix, dir, len(sums))
	}
	r := &release{dir: dir, sumsName: filepath.Base(sums[0]), packages: map[platform]pkg{}}
	r.sigName = r.sumsName + ".sig"
	r.version = strings.TrimSuffix(strings.TrimPrefix(r.sumsName, prefix), "_SHA256SUMS")
	if _, err := os.Stat(filepath.Join(dir, r.sigName)); err != nil {
		return nil, fmt.Errorf("the checksums are not signed: %w", err)
	}
	body, err := os.ReadFile(sums[0])
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(strings.TrimSpace(string(body)), "\n") {
		fields := strings.Fields(line)
		if len(fields) != 2 {
			return nil, fmt.Errorf("%s: line %q is not '<sha256>  <file>'", r.sumsName, line)
		}
		sum, name := fields[0], fields[1]
		osArch, ok := strings.CutPrefix(name, prefix+r.version+"_")
		if !ok || !strings.HasSuffix(osArch, ".zip") {
			continue // the manifest, which the checksums cover too
		}
		goos, arch, ok := strings.Cut(strings.TrimSuffix(osArch, ".zip"), "_")
		if b, err := hex.DecodeString(sum); !ok || err != nil || len(b) != 32 {
			return nil, fmt.Errorf("%s: line %q: want a sha256 and a <os>_<arch>.zip name", r.sumsName, line)
		}
		r.packages[platform{goos, arch}] = pkg{filename: name, shasum: sum}
	}
	if len(r.packages) == 0 {
		return nil, fmt.Errorf("%s names no %s%s_<os>_<arch>.zip", r.sumsName, prefix, r.version)
	}
	r.protocols, err = readProtocols(manifestPath)
	return r, err
}

// readProtocols returns the plugin protocol versions of a terraform-registry-manifest.json.
func readProtocols(path string) ([]string, error) {
	body, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var manifest struct {
		Version  int `json:"version"`
		Metadata struct {
			ProtocolVersions []string `json:"protocol_versions"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal(body, &manifest); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if manifest.Version != 1 || len(manifest.Metadata.ProtocolVersions) == 0 {
		return nil, fmt.Errorf("%s: want version 1 and metadata.protocol_versions", path)
	}
	return manifest.Metadata.ProtocolVersions, nil
}
