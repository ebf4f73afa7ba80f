package probe

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"strings"
)

// keyBits returns the kind and size of a certificate's public key.
func keyBits(c *x509.Certificate) (string, int) {
	switch k := c.PublicKey.(type) {
	case *rsa.PublicKey:
		return "RSA", k.N.BitLen()
	case *ecdsa.PublicKey:
		return "ECDSA", k.Curve.Params().BitSize
	case ed25519.PublicKey:
		return "Ed25519", 256
	}
	return "unknown", 0
}

// isInsecureAlgorithm reports a verification that failed only because of a
// SHA-1 or MD5 signature.
func isInsecureAlgorithm(err error) bool {
	var ia x509.InsecureAlgorithmError
	return errors.As(err, &ia) || strings.Contains(err.Error(), "insecure algorithm")
}
