// Command testregistry serves a provider release folder (GoReleaser's dist/) through the
// provider registry protocol on a loopback HTTPS port, so scripts/test-install.sh can run
// `terraform init` and `tofu init` against a real release without the public registries.
//
// It makes a throwaway certificate authority for 127.0.0.1 and writes its certificate to
// <state-dir>/ca.pem (for SSL_CERT_FILE), then writes its base URL to <state-dir>/url once it
// listens. Service discovery is not served: the CLI configuration's `host` block names the
// providers.v1 endpoint, <url>/v1/providers/.
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

func main() {
	dist := flag.String("dist", "dist", "release folder: the zips, <name>_<version>_SHA256SUMS and its .sig")
	manifest := flag.String("manifest", "terraform-registry-manifest.json", "registry manifest naming the plugin protocol versions")
	namespace := flag.String("namespace", "azureiprange", "provider namespace")
	typ := flag.String("type", "azureiprange", "provider type")
	keyFile := flag.String("public-key", "", "ASCII-armoured public key that signed the checksums")
	keyID := flag.String("key-id", "", "that key's 16-digit hex ID")
	stateDir := flag.String("state-dir", ".", "where to write ca.pem and url")
	flag.Parse()
	if err := run(*dist, *manifest, *namespace, *typ, *keyFile, *keyID, *stateDir); err != nil {
		log.Fatalf("testregistry: %v", err)
	}
}

func run(dist, manifest, namespace, typ, keyFile, keyID, stateDir string) error {
	rel, err := loadRelease(dist, typ, manifest)
	if err != nil {
		return err
	}
	if keyFile == "" || keyID == "" {
		return errors.New("-public-key and -key-id are required: the CLIs refuse unsigned packages")
	}
	key, err := os.ReadFile(keyFile)
	if err != nil {
		return err
	}
	cert, caPEM, err := loopbackCertificate()
	if err != nil {
		return err
	}
	if err := writeAtomically(filepath.Join(stateDir, "ca.pem"), caPEM); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	base := "https://" + ln.Addr().String()
	g := &registry{
		rel: rel, namespace: namespace, typ: typ,
		keyID: strings.ToUpper(keyID), publicKey: string(key),
		filesURL: base + "/files/", requestLog: log.Printf,
	}
	srv := &http.Server{
		Handler:           g.handler(),
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
		ReadHeaderTimeout: 10 * time.Second,
	}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	log.Printf("testregistry: serving %s/%s %s (%d platforms) at %s", namespace, typ, rel.version, len(rel.packages), base)
	if err := writeAtomically(filepath.Join(stateDir, "url"), []byte(base+"\n")); err != nil {
		return err
	}
	if err := srv.ServeTLS(ln, "", ""); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// writeAtomically makes path appear complete or not at all: the script polls for it.
func writeAtomically(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("publishing %s: %w", path, err)
	}
	return nil
}
