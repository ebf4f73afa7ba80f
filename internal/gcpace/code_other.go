//go:build !linux

package gcpace

// unmapCode does nothing outside Linux (see code_linux.go).
func unmapCode() {}
