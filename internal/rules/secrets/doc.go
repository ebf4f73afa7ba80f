// Package secrets holds the rules that find credentials written in a
// project's files (area K): cloud keys, source-control tokens, service API
// keys, private keys, Django SECRET_KEY values, passwords in connection URIs,
// JWT signing keys and tokens, generic passwords and tokens, and committed
// .env files.
//
// # Detectors are data
//
// In the manner of gitleaks, each rule owns a table of Detectors: a regular
// expression with a "secret" group, keywords, an entropy floor, allowlists
// and an optional Check for what a regex cannot say (a private key has a
// body; a URI's password is not the compose default). All detectors of all
// rules are compiled once into one engine.
//
// # One pass, a keyword prefilter
//
// Every text file is read once by the engine, whatever number of rules
// run: the first rule to ask computes the hits of every detector (through
// File.Memo) and each rule reports its own. The engine first runs one
// Aho-Corasick automaton, compiled to a DFA over byte classes, over the whole
// file to find the detectors' keywords (case-insensitively); only the lines
// holding a keyword are split out, and only the detectors whose keyword is
// on a line run their regex there. Most lines of most files never see a
// regex. Long lines (minified code, notebook outputs) are cut to a window
// around each keyword.
//
// # Noise
//
// Specific detectors (a provider's key format) run before generic ones
// (a value found by its name) and claim their text, so a key is reported
// once, by the rule that knows what it is. Values that are written to be
// replaced are placeholders and are not reported: changeme, xxxx, <your-key>,
// ${VAR}, {{ var }}, %(var)s, $VAR, one repeated character, runs such as
// 123456, AWS's documentation keys (…EXAMPLE); generic detectors also skip
// references (os.environ, env(), paths, URLs) and identifiers. Paths decide
// the rest:
//
//   - lockfiles, minified bundles, source maps and SVGs are not read: their
//     random-looking strings are hashes;
//   - tests, fixtures and documentation (tests/, testdata/, fixtures/, docs/,
//     test_*.py, *.md, *.rst): a key of a provider's format is reported with
//     low confidence, since a real key in a test is still a leak but most are
//     made up; generic, SECRET_KEY, URI and JWT-key matches are skipped;
//   - templates such as .env.example are read like any file: placeholders
//     stay silent and real-looking values are reported.
//
// # Redaction
//
// A finding shows the first four characters of the secret and "…", never
// more: not in the message, not in the properties, and not in the
// fingerprint, which is built from a hash of the secret instead of the
// source line.
package secrets
