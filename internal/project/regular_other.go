//go:build !unix

package project

const openNonblock = 0
