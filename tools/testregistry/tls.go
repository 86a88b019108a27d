package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"time"
)

// loopbackCertificate makes a throwaway CA and a server certificate for 127.0.0.1 signed by
// it. It returns the server's TLS certificate and the CA certificate in PEM, for the clients'
// SSL_CERT_FILE. The CA's key is never written anywhere and dies with the process.
func loopbackCertificate() (tls.Certificate, []byte, error) {
	now := time.Now()
	ca := certificateTemplate(1, "testregistry throwaway CA", now)
	ca.KeyUsage, ca.BasicConstraintsValid, ca.IsCA = x509.KeyUsageCertSign, true, true
	caDER, caKey, err := sign(ca, nil, nil)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	server := certificateTemplate(2, "127.0.0.1", now)
	server.KeyUsage = x509.KeyUsageDigitalSignature
	server.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
	server.IPAddresses = []net.IP{net.IPv4(127, 0, 0, 1)}
	serverDER, serverKey, err := sign(server, ca, caKey)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	cert := tls.Certificate{Certificate: [][]byte{serverDER, caDER}, PrivateKey: serverKey}
	return cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}), nil
}

// certificateTemplate is a certificate valid for a day from a minute ago.
func certificateTemplate(serial int64, commonName string, now time.Time) *x509.Certificate {
	return &x509.Certificate{
		SerialNumber: big.NewInt(serial),
		Subject:      pkix.Name{CommonName: commonName},
		NotBefore:    now.Add(-time.Minute),
		NotAfter:     now.Add(24 * time.Hour),
	}
}

// sign gives template a new key and signs it with parentKey, or with its own key when parent
// is nil (a self-signed CA).
func sign(template, parent *x509.Certificate, parentKey *ecdsa.PrivateKey) ([]byte, *ecdsa.PrivateKey, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	if parent == nil {
		parent, parentKey = template, key
	}
	der, err := x509.CreateCertificate(rand.Reader, template, parent, &key.PublicKey, parentKey)
	return der, key, err
}
