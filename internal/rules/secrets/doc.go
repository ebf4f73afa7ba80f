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
// Aho-Corasick automaton over the whole file to find the detectors' keywords
// (case-insensitively). The automaton is a DFA over byte classes with 16-bit
// entries, premultiplied so that a step is one add and one load from a table
// that fits the first-level cache, and it walks four parts of the file at
// once (cut at line ends) so that the processor overlaps their dependent
// loads. Only the lines holding a keyword are split out, and only the
// detectors whose keyword is on a line run there. Detectors that find a
// secret by the name it is assigned to (AtKey) are tried only at the start of
// the word holding the keyword, anchored, and only after a cheap look for an
// assignment operator and, in program source, a quote; most keyword lines of
// code (password = form.cleaned_data["password"]) never reach a regex.
// Detectors whose regex must backtrack over a name (a URI's user and
// password, an environment variable's name) first look ahead cheaply
// (Detector.Ahead) for the punctuation their regex needs. Long lines
// (minified code, notebook outputs) are cut to a window around each
// keyword. On generated Django-like text the engine costs about 2.5 CPU
// seconds per GB, most of it in the automaton; see bench/secrets.sh.
//
// # Noise
//
// Specific detectors (a provider's key format) run before generic ones
// (a value found by its name) and claim their text, so a key is reported
// once, by the rule that knows what it is. Values that are written to be
// replaced are placeholders and are not reported: changeme, xxxx, <your-key>,
// ${VAR}, {{ var }}, %(var)s, $VAR, one repeated character, runs such as
// 123456, AWS's documentation keys (…EXAMPLE) and the example tokens of
// RFC 6749 and RFC 5849, found in docstrings everywhere, values that say
// what they are not (ThisIsNotAPrivateKey), and a commented-out line under
// a comment that asks for the reader's own value ("# uncomment and replace
// with your credentials"); generic detectors
// also skip
// references (os.environ, env(), paths, URLs, ${VAR:-default} in shell and
// compose files) and identifiers. A URI password to localhost is a
// development one, reported at low severity. Paths decide
// the rest:
//
//   - lockfiles, minified bundles, source maps and SVGs are not read: their
//     random-looking strings are hashes;
//   - vendored and built front-end assets (.js and .css under dist/,
//     vendor/, node_modules/, third_party/..., and any .js or .css whose
//     lines run to thousands of characters) are searched only for keys of a
//     provider's format: their names are a library's (an icon font's
//     .mdi-form-textbox-password), not the project's secrets;
//   - tests, fixtures and documentation (tests/, testdata/, fixtures/, docs/,
//     test_*.py, *.md, *.rst, package metadata): a key of a provider's format is reported with
//     low confidence, since a real key in a test is still a leak but most are
//     made up; generic, SECRET_KEY, URI and JWT-key matches are skipped;
//   - templates such as .env.example are read like any file: placeholders
//     stay silent and real-looking values are reported.
//
// # Redaction
//
// A finding shows the first four characters of the secret and "…", never
// more: not in the message, not in the properties, and not in the
// fingerprint, which is built from the rule, the detector, the name the
// secret is assigned to and a hash of the secret instead of the source line.
// Only long random secrets are hashed; for short or guessable ones (a JWT key
// "secret") the fingerprint takes the redacted form and the length, since a
// hash of a guessable value lets whoever holds the report confirm guesses.
package secrets
