module github.com/djsec/djsec

go 1.26.0

// Dependencies are few and chosen: the standard library first, then
// well-kept libraries made for the job:
//   - github.com/BurntSushi/toml: maintained TOML decoder with precise error
//     positions, for .djsec.toml, pyproject.toml and the TOML lock files
//     (poetry.lock, uv.lock, pdm.lock, pylock.toml).
//   - go.yaml.in/yaml/v3: the maintained continuation (by the YAML
//     organization) of gopkg.in/yaml.v3; the PyPA advisory database stores
//     its OSV records as YAML.
//   - golang.org/x/text: source encodings declared by `# -*- coding: -*-`
//     (latin-1, cp1252, ...) in Python files.
//   - github.com/redis/go-redis/v9 and go.mongodb.org/mongo-driver/v2, for
//     probe --services: the official clients speak the real protocols
//     (RESP2/3, OP_MSG with handshakes and auth errors), so "answers without
//     authentication" means what a real client sees; hand-written PING/hello
//     bytes would pass on half-broken servers and misread auth errors.
//   - github.com/hashicorp/hcl/v2 (and its value library go-cty): HashiCorp's
//     own parser for Terraform's configuration language, with positions;
//     HCL's expressions and heredocs are too large a grammar to hand-write.
//   - github.com/go-redis/redis_rate/v10: GCRA rate limiting in one Lua
//     script over go-redis, on Redis' clock, for limits shared by several
//     `djsec guard` replicas.
//   - golang.org/x/crypto/acme/autocert: certificates obtained and renewed
//     by ACME for `djsec guard` ([tls] acme), from the Go team.
//     golang.org/x/crypto/ocsp, from the same module, reads the OCSP
//     responses a server staples, for `djsec probe`.
//   - github.com/corazawaf/coraza/v3 and coraza-coreruleset/v4: the OWASP
//     WAF engine (SecLang, libinjection) with the Core Rule Set embedded,
//     for `djsec guard`'s opt-in [waf]; pure Go, about 11 MB of binary.
//     They raise golang.org/x/crypto and x/net to the versions they need.
require (
	github.com/BurntSushi/toml v1.6.0
	github.com/corazawaf/coraza-coreruleset/v4 v4.25.0
	github.com/corazawaf/coraza/v3 v3.8.1
	github.com/go-redis/redis_rate/v10 v10.0.1
	github.com/hashicorp/hcl/v2 v2.25.0
	github.com/redis/go-redis/v9 v9.23.0
	github.com/zclconf/go-cty v1.19.0
	go.mongodb.org/mongo-driver/v2 v2.9.3
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/crypto v0.57.0
	golang.org/x/text v0.43.0
)

require (
	github.com/agext/levenshtein v1.2.1 // indirect
	github.com/apparentlymart/go-textseg/v15 v15.0.0 // indirect
	github.com/apparentlymart/go-textseg/v17 v17.0.1 // indirect
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	github.com/corazawaf/libinjection-go v0.3.3 // indirect
	github.com/goccy/go-json v0.10.5 // indirect
	github.com/goccy/go-yaml v1.19.2 // indirect
	github.com/gotnospirit/makeplural v0.0.0-20180622080156-a5f48d94d976 // indirect
	github.com/gotnospirit/messageformat v0.0.0-20221001023931-dfe49f1eb092 // indirect
	github.com/kaptinlin/go-i18n v0.1.4 // indirect
	github.com/kaptinlin/jsonschema v0.4.6 // indirect
	github.com/klauspost/compress v1.19.2 // indirect
	github.com/magefile/mage v1.17.0 // indirect
	github.com/mitchellh/go-wordwrap v1.0.1 // indirect
	github.com/petar-dambovaliev/aho-corasick v0.0.0-20250424160509-463d218d4745 // indirect
	github.com/tidwall/gjson v1.18.0 // indirect
	github.com/tidwall/match v1.1.1 // indirect
	github.com/tidwall/pretty v1.2.1 // indirect
	github.com/valllabh/ocsf-schema-golang v1.0.3 // indirect
	github.com/xdg-go/pbkdf2 v1.0.0 // indirect
	github.com/xdg-go/scram v1.2.0 // indirect
	github.com/xdg-go/stringprep v1.0.4 // indirect
	github.com/youmark/pkcs8 v0.0.0-20240726163527-a2c0da244d78 // indirect
	go.uber.org/atomic v1.12.0 // indirect
	golang.org/x/mod v0.41.0 // indirect
	golang.org/x/net v0.59.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/sys v0.48.0 // indirect
	golang.org/x/tools v0.51.0 // indirect
	google.golang.org/protobuf v1.36.11 // indirect
	rsc.io/binaryregexp v0.2.0 // indirect
)
