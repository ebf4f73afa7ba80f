module github.com/djsec/djsec

go 1.26.0

// Dependencies are few and chosen (see STYLE.md):
//   - github.com/BurntSushi/toml: maintained TOML decoder with precise error
//     positions, for .djsec.toml, pyproject.toml and the TOML lock files
//     (poetry.lock, uv.lock, pdm.lock, pylock.toml).
//   - go.yaml.in/yaml/v3: the maintained continuation (by the YAML
//     organization) of gopkg.in/yaml.v3; the PyPA advisory database stores
//     its OSV records as YAML.
//   - golang.org/x/text: source encodings declared by `# -*- coding: -*-`
//     (latin-1, cp1252, ...) in Python files.
require (
	github.com/BurntSushi/toml v1.6.0
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/text v0.43.0
)
