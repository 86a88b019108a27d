package main

import (
	"crypto/x509"
	"testing"
)

// The server certificate must verify for 127.0.0.1 against the CA handed to the clients.
func TestLoopbackCertificateVerifies(t *testing.T) {
	cert, caPEM, err := loopbackCertificate()
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(caPEM) {
		t.Fatal("the CA PEM holds no certificate")
	}
	leaf, err := x509.ParseCertificate(cert.Certificate[0])
	if err != nil {
		t.Fatal(err)
	}
	opts := x509.VerifyOptions{Roots: roots, DNSName: "127.0.0.1", KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	if _, err := leaf.Verify(opts); err != nil {
		t.Fatalf("server certificate does not verify: %v", err)
	}
	opts.DNSName = "localhost"
	if _, err := leaf.Verify(opts); err == nil {
		t.Error("the certificate verifies for localhost too; it should name 127.0.0.1 only")
	}
}
