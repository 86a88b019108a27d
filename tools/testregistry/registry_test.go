package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const zipSum = "5f9c7aa76b7c34d722fc9123208e26b22d60440cb47150dd04733b9b94f4541a"

// fakeDist writes a release folder as GoReleaser lays it out, with the given SHA256SUMS body.
func fakeDist(t *testing.T, sums string) (dist, manifest string) {
	t.Helper()
	dist = t.TempDir()
	files := map[string]string{
		"terraform-provider-x_1.2.3_SHA256SUMS":      sums,
		"terraform-provider-x_1.2.3_SHA256SUMS.sig":  "signature",
		"terraform-provider-x_1.2.3_linux_amd64.zip": "zip",
		"artifacts.json": "{}",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dist, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	manifest = filepath.Join(t.TempDir(), "manifest.json")
	if err := os.WriteFile(manifest, []byte(`{"version": 1, "metadata": {"protocol_versions": ["6.0"]}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	return dist, manifest
}

func testServer(t *testing.T) *httptest.Server {
	t.Helper()
	dist, manifest := fakeDist(t, zipSum+"  terraform-provider-x_1.2.3_linux_amd64.zip\n"+
		strings.Repeat("0", 64)+"  terraform-provider-x_1.2.3_darwin_arm64.zip\n"+
		strings.Repeat("1", 64)+"  terraform-provider-x_1.2.3_manifest.json\n")
	rel, err := loadRelease(dist, "x", manifest)
	if err != nil {
		t.Fatal(err)
	}
	g := &registry{rel: rel, namespace: "ns", typ: "x", keyID: "ABCDEF0123456789", publicKey: "KEY",
		filesURL: "https://files.test/files/", requestLog: t.Logf}
	srv := httptest.NewServer(g.handler())
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

func TestVersionsListsEveryPlatformOfTheChecksums(t *testing.T) {
	srv := testServer(t)
	code, body := get(t, srv.URL+"/v1/providers/ns/x/versions")
	var got versionsResponse
	if err := json.Unmarshal([]byte(body), &got); code != http.StatusOK || err != nil {
		t.Fatalf("status %d, %v: %s", code, err, body)
	}
	want := versionsResponse{Versions: []versionEntry{{Version: "1.2.3", Protocols: []string{"6.0"},
		Platforms: []platformJSON{{"darwin", "arm64"}, {"linux", "amd64"}}}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestDownloadAnswersEveryFieldOfTheProtocol(t *testing.T) {
	srv := testServer(t)
	code, body := get(t, srv.URL+"/v1/providers/ns/x/1.2.3/download/linux/amd64")
	var got map[string]any
	if err := json.Unmarshal([]byte(body), &got); code != http.StatusOK || err != nil {
		t.Fatalf("status %d, %v: %s", code, err, body)
	}
	want := map[string]any{
		"protocols":             []any{"6.0"},
		"os":                    "linux",
		"arch":                  "amd64",
		"filename":              "terraform-provider-x_1.2.3_linux_amd64.zip",
		"download_url":          "https://files.test/files/terraform-provider-x_1.2.3_linux_amd64.zip",
		"shasums_url":           "https://files.test/files/terraform-provider-x_1.2.3_SHA256SUMS",
		"shasums_signature_url": "https://files.test/files/terraform-provider-x_1.2.3_SHA256SUMS.sig",
		"shasum":                zipSum,
		"signing_keys": map[string]any{"gpg_public_keys": []any{
			map[string]any{"key_id": "ABCDEF0123456789", "ascii_armor": "KEY"},
		}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

func TestUnknownProviderVersionPlatformOrFileIsNotFound(t *testing.T) {
	srv := testServer(t)
	for _, path := range []string{
		"/v1/providers/other/x/versions",
		"/v1/providers/ns/x/9.9.9/download/linux/amd64",
		"/v1/providers/ns/x/1.2.3/download/windows/amd64",
		"/files/artifacts.json",
		"/.well-known/terraform.json",
	} {
		if code, _ := get(t, srv.URL+path); code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, code)
		}
	}
	if code, body := get(t, srv.URL+"/files/terraform-provider-x_1.2.3_linux_amd64.zip"); code != http.StatusOK || body != "zip" {
		t.Errorf("package: status %d, body %q", code, body)
	}
}

func TestLoadReleaseRefusesWhatTheCLIsWouldRefuse(t *testing.T) {
	for name, sums := range map[string]string{
		"bad checksum":       "abc  terraform-provider-x_1.2.3_linux_amd64.zip\n",
		"three fields":       zipSum + "  a  b\n",
		"no packages":        strings.Repeat("1", 64) + "  terraform-provider-x_1.2.3_manifest.json\n",
		"package without os": zipSum + "  terraform-provider-x_1.2.3_linux.zip\n",
	} {
		t.Run(name, func(t *testing.T) {
			dist, manifest := fakeDist(t, sums)
			if _, err := loadRelease(dist, "x", manifest); err == nil {
				t.Error("loadRelease accepted it")
			}
		})
	}
	t.Run("unsigned", func(t *testing.T) {
		dist, manifest := fakeDist(t, zipSum+"  terraform-provider-x_1.2.3_linux_amd64.zip\n")
		if err := os.Remove(filepath.Join(dist, "terraform-provider-x_1.2.3_SHA256SUMS.sig")); err != nil {
			t.Fatal(err)
		}
		if _, err := loadRelease(dist, "x", manifest); err == nil || !strings.Contains(err.Error(), "not signed") {
			t.Errorf("err = %v, want 'not signed'", err)
		}
	})
}
