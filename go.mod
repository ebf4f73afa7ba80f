module github.com/djsec/djsec

go 1.26.0

require (
	// TOML for .djsec.toml and the TOML lockfiles: maintained, precise error positions.
	github.com/BurntSushi/toml v1.6.0
	// Source encodings declared by `# -*- coding: -*-` (latin-1, cp1252, ...).
	golang.org/x/text v0.43.0
)
