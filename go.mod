module github.com/djsec/djsec

go 1.26

// Dependencies are few and chosen (see STYLE.md). For internal/deps:
//   - github.com/BurntSushi/toml: the maintained TOML decoder the framework
//     also uses; lock files (poetry.lock, uv.lock, pdm.lock, pylock.toml) and
//     pyproject.toml are TOML.
//   - go.yaml.in/yaml/v3: the maintained continuation (by the YAML
//     organization) of gopkg.in/yaml.v3; the PyPA advisory database stores
//     its OSV records as YAML.
require github.com/BurntSushi/toml v1.6.0

require go.yaml.in/yaml/v3 v3.0.6
