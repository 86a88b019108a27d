package main

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"slices"
	"testing"
)

// The clients trust the CA in the PEM: it must be a CA, the one that signed the server
// certificate, and the server certificate must verify for 127.0.0.1 only, for server use.
func TestLoopbackCertificate(t *testing.T) {
	cert, caPEM, err := loopbackCertificate()
	if err != nil {
		t.Fatal(err)
	}
	if len(cert.Certificate) != 2 {
		t.Fatalf("chain of %d certificates, want the server's and the CA's", len(cert.Certificate))
	}
	block, rest := pem.Decode(caPEM)
	if block == nil || block.Type != "CERTIFICATE" || len(bytes.TrimSpace(rest)) != 0 {
		t.Fatalf("the CA PEM is not one certificate: %q", caPEM)
	}
	if !bytes.Equal(block.Bytes, cert.Certificate[1]) {
		t.Fatal("the PEM is not the CA certificate of the chain")
	}
	ca, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(cert.Certificate[0])
	if err != nil {
		t.Fatal(err)
	}
	if !ca.IsCA || ca.KeyUsage&x509.KeyUsageCertSign == 0 {
		t.Errorf("the CA certificate cannot sign certificates: IsCA %v, key usage %v", ca.IsCA, ca.KeyUsage)
	}
	if leaf.IsCA || leaf.KeyUsage&x509.KeyUsageDigitalSignature == 0 || !slices.Equal(leaf.ExtKeyUsage, []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}) {
		t.Errorf("the server certificate is not for server use only: IsCA %v, key usage %v, extended %v", leaf.IsCA, leaf.KeyUsage, leaf.ExtKeyUsage)
	}
	if leaf.SerialNumber.Cmp(ca.SerialNumber) == 0 {
		t.Error("the two certificates share a serial number")
	}
	roots := x509.NewCertPool()
	roots.AddCert(ca)
	opts := x509.VerifyOptions{Roots: roots, DNSName: "127.0.0.1", KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	if _, err := leaf.Verify(opts); err != nil {
		t.Fatalf("server certificate does not verify: %v", err)
	}
	opts.DNSName = "localhost"
	if _, err := leaf.Verify(opts); err == nil {
		t.Error("the certificate verifies for localhost too; it should name 127.0.0.1 only")
	}
}
