package code

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

func init() { taint.IndexCallsIn("hashlib") }

// WeakHashForSecret finds MD5 and SHA-1 used on passwords and tokens.
var WeakHashForSecret = &analysis.Rule{
	ID:         "DJC203",
	Name:       "weak-hash-for-secret",
	Severity:   report.High,
	Confidence: report.MediumConfidence,
	CWE:        []int{916, 327},
	Checklist:  []int{5},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "MD5 or SHA-1 is used for a password or token",
		What: "Reports hashlib.md5, hashlib.sha1 and hashlib.new(\"md5\"/\"sha1\") when what is hashed, or the " +
			"variable or function that receives the digest, is named like a password, secret, token, OTP, API key, " +
			"salt or session value. Checksums of files and content (ETags, cache keys), calls with " +
			"usedforsecurity=False and HTTP Digest authentication (RFC 2617/7616, which prescribes MD5 over " +
			"username:realm:password and the nonce; recognised as code in a function that handles the realm or in " +
			"a function or class named like a digest authenticator), and the signature of a request to another service " +
			"that the service prescribes (a function that puts the digest under a key named sig, signature, sign, hash, check or checksum " +
			"and sends the request or builds its query string, passes it as such a keyword (_fetch(method, api_sig=digest)), writes it into a query string " +
			"that names it (\"&api_sig=%s\"), or is named for the signature it makes (_get_api_sig): Mail.ru, Odnoklassniki, Draugiem and Flickr sign with " +
			"MD5(params + app secret); also a digest kept on the object, self.CHECK = md5(key).hexdigest(), that such a method sends, and the check of the " +
			"signature a provider's callback carries, in a function that compares the digest with it: hash == query[\"hash\"], compare_digest(sign, params.get(\"sign\"))) are not reported, nor is a digest that the function uses only as the key of an HMAC " +
			"(key = sha1(secret).digest(), then hmac.new(key, msg, sha256)): a key derived from the secret, not a hash anyone sees, " +
			"or only to name a file it joins to a folder (key_name = md5(private_key).hexdigest(), then os.path.join(folder, key_name)), nor a digest of a Content-Security-Policy nonce (csp_nonce), which every page shows, nor one assigned to a name for an identifier (doi_batch_id = sha1(salt + title).hexdigest()): unique, not secret, nor one over fresh randomness (sha1(salt + str(uuid.uuid4())), a version 7 UUID (uuid.uuid7(), uuid_utils'), secrets.token_hex(), os.urandom(16) or more): a token derived from random bits that no guess can find, nor one in a function that compares it (==) with an old hash and stores the password again with Django's hashers when it matches (set_password or make_password: an account from before the move, upgraded at its next login), nor the SHA-1 of a password that a function cuts to its first five characters in a module " +
			"that calls the Pwned Passwords range API (api.pwnedpasswords.com/range/), whose k-anonymity scheme prescribes it. A digest over the project's SECRET_KEY (read in what is hashed, or " +
			"through a variable of the function assigned from it) is low: no guess can be checked without the key, but the " +
			"hash is a home-made MAC where salted_hmac is Django's.",
		Why: "MD5 and SHA-1 are fast: a GPU tries billions of guesses a second, so leaked password hashes fall " +
			"quickly, and predictable token digests can be forged.",
		Bad:  "user.pin_hash = hashlib.md5(pin.encode()).hexdigest()",
		Good: "user.pin_hash = make_password(pin)  # PBKDF2/Argon2 with salt",
		Fix: "Store passwords with django.contrib.auth.hashers.make_password; make tokens with secrets.token_urlsafe " +
			"and compare them with hmac.compare_digest; use HMAC-SHA256 for signatures.",
		References: []string{"https://docs.djangoproject.com/en/stable/topics/auth/passwords/",
			"https://cwe.mitre.org/data/definitions/916.html", "https://cwe.mitre.org/data/definitions/327.html"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		for _, m := range appModules(pass, prog) {
			var parents map[python.Node]python.Node // built when first needed
			// what each function tells is worked out once for all its
			// calls: a function of thousands of them was read again at
			// each
			signs := memoized(func(d *python.FunctionDef) bool { return signsRequest(m, d) })
			var signedAttrs map[string]bool // built when first needed
			keyed := memoized(func(d *python.FunctionDef) map[string]bool { return keyedNames(m, d) })
			realm := memoized(handlesRealm)
			hmacKeys := memoized(hmacKeyNames)
			fileNames := memoized(fileNameNames)
			rehashes := memoized(rehashesOnMatch)
			// a module that calls the Pwned Passwords range API, read once
			pwned := bytes.Contains(m.Content(), []byte("pwnedpasswords.com"))
			for _, st := range m.Index().Calls {
				algo := weakAlgo(st.Q, st.Call)
				if algo == "" || st.Func == nil || st.Stmt == nil {
					continue
				}
				if b, ok := constBool(kw(st.Call, "usedforsecurity")); ok && !b {
					continue
				}
				target := stmtTarget(m, st)
				hashed := ""
				if c := st.Call; len(c.Args) > 0 {
					hashed = m.Text(c.Args[len(c.Args)-1])
				}
				if (protects(target) || protects(hashed)) && !harmless(target) && !cspNonce(hashed) && !identifierName(target) {
					if parents == nil {
						parents = python.Parents(m.Tree())
					}
					if inDigestAuth(parents, st.Call, realm) || signs(st.Func) || hmacKeys(st.Func)[target] || fileNames(st.Func)[target] || rehashes(st.Func) {
						continue
					}
					if attr, ok := strings.CutPrefix(target, "self."); ok {
						// self.CHECK = md5(key).hexdigest() in __init__,
						// sent as the signature by another method
						if signedAttrs == nil {
							signedAttrs = attrsSigning(m, signs)
						}
						if signedAttrs[attr] {
							continue
						}
					}
					if pwned && pwnedRange(m, st.Func, target) {
						// the Pwned Passwords API prescribes SHA-1 and is
						// sent five hex digits of it, no hash to crack
						continue
					}
					if len(st.Call.Args) > 0 && freshRandomness(m, st.Call.Args[len(st.Call.Args)-1]) {
						// sha1(salt + str(uuid4())): a token drawn from 122
						// random bits; no guess of it can be checked faster
						// than the randomness allows
						continue
					}
					if len(st.Call.Args) > 0 && keyedWithSecretKey(m, keyed(st.Func), st.Call.Args[len(st.Call.Args)-1]) {
						pass.Report(analysis.Diagnostic{
							Location: m.Location(st.Call),
							Severity: report.Low,
							Message: fmt.Sprintf("%s makes a token keyed with SECRET_KEY (%s): no one can try guesses without the key, "+
								"but a hash over a key is a home-made MAC; django.utils.crypto.salted_hmac is the one Django checks",
								algo, hashed),
						})
						continue
					}
					pass.Reportf(m.Location(st.Call), "%s is used to hash a secret (%s): it is fast to brute-force", algo, firstNonEmpty(hashed, target))
				}
			}
		}
	},
}

// randomSources are the calls that draw at least 122 bits from the
// operating system's random source: a digest over one is a token, not a
// secret someone chose.
var randomSources = map[string]bool{"uuid.uuid4": true, "secrets.token_hex": true, "secrets.token_urlsafe": true,
	"secrets.token_bytes": true, "os.urandom": true}

// randomUUIDs are the calls that make a UUID of random bits whatever
// their arguments: uuid4's 122, and the 62 to 74 that a version 7 UUID
// (RFC 9562) draws after its timestamp, of Python 3.14's uuid module and
// of the libraries that had it first. A token made from one cannot be
// guessed; its digest hides nothing a guess could find.
var randomUUIDs = map[string]bool{"uuid.uuid4": true, "uuid.uuid7": true, "uuid_utils.uuid7": true,
	"uuid_utils.compat.uuid7": true, "uuid6.uuid7": true, "uuid_extensions.uuid7": true}

// freshRandomness reports what is hashed holding a call of randomUUIDs or
// randomSources (str(uuid.uuid4()), salt + secrets.token_hex()), with os.urandom and
// the token functions given 16 bytes or more (or their default, 32).
func freshRandomness(m *taint.Module, e python.Expr) bool {
	found := false
	python.Inspect(e, func(n python.Node) bool {
		c, ok := n.(*python.Call)
		if !ok || found {
			return !found
		}
		q := m.QualName(c.Func)
		if randomUUIDs[q] {
			found = true
			return false
		}
		if !randomSources[q] {
			return true
		}
		if len(c.Args) == 0 {
			found = q != "os.urandom"
			return !found
		}
		if n, ok := c.Args[0].(*python.Constant); ok {
			if v, ok := n.Value.(int64); ok && v >= 16 {
				found = true
			}
		}
		return !found
	})
	return found
}

// rehashesOnMatch reports a function that checks a password against an
// old hash and stores it again with Django's hashers when it matches:
// it compares with == and calls set_password or make_password
// (verified = md5(pw).hexdigest() == self.password[3:], then if verified:
// self.set_password(pw)). The weak hash only reads what was stored before;
// the next one is strong.
func rehashesOnMatch(d *python.FunctionDef) bool {
	compares, rehashes := false, false
	python.Inspect(d, func(n python.Node) bool {
		switch x := n.(type) {
		case *python.Compare:
			compares = compares || len(x.Ops) == 1 && x.Ops[0] == python.Eq
		case *python.Call:
			name := access.CalleeName(x.Func)
			rehashes = rehashes || name == "set_password" || name == "make_password"
		}
		return !(compares && rehashes)
	})
	return compares && rehashes
}

// cspNonce reports what is hashed being a Content-Security-Policy nonce,
// which every page sends in its header and its script tags: its digest
// only reshapes a public value (into characters an HTML id allows).
func cspNonce(hashed string) bool {
	ws := words(hashed)
	return slices.Contains(ws, "csp") && slices.Contains(ws, "nonce")
}

// keyedWithSecretKey reports whether what is hashed, arg, holds the
// project's SECRET_KEY: read there, or through one of names, the
// variables of the function assigned from an expression that reads it
// (keyedNames). Without the key no guess can be checked, so the digest is
// no fast hash of a secret to brute-force.
func keyedWithSecretKey(m *taint.Module, names map[string]bool, arg python.Expr) bool {
	if readsSecretKey(m, arg) {
		return true
	}
	found := false
	python.Inspect(arg, func(n python.Node) bool {
		if x, ok := n.(*python.Name); ok && names[x.ID] {
			found = true
		}
		return !found
	})
	return found
}

// keyedNames returns the variables of fn assigned from an expression
// that reads the project's SECRET_KEY (formula = (user.pk, ...,
// settings.SECRET_KEY)).
func keyedNames(m *taint.Module, fn *python.FunctionDef) map[string]bool {
	out := map[string]bool{}
	python.Inspect(fn, func(n python.Node) bool {
		if a, ok := n.(*python.Assign); ok && readsSecretKey(m, a.Value) {
			for _, t := range a.Targets {
				if name, ok := t.(*python.Name); ok {
					out[name.ID] = true
				}
			}
		}
		return true
	})
	return out
}

// readsSecretKey reports whether e reads settings.SECRET_KEY.
func readsSecretKey(m *taint.Module, e python.Node) bool {
	found := false
	python.Inspect(e, func(n python.Node) bool {
		if x, ok := n.(*python.Attribute); ok && x.Attr == "SECRET_KEY" && lastName(m.QualName(x.Value)) == "settings" {
			found = true
		}
		return !found
	})
	return found
}

// inDigestAuth reports whether n sits in code implementing HTTP Digest
// authentication, where the protocol itself fixes the hash: HA1 =
// MD5(username:realm:password), HA2 = MD5(method:uri) and the response over
// the nonce (RFC 2617; RFC 7616 keeps MD5 for compatibility). Such code is
// in a function that handles the realm, or in a function or class named
// like a digest authenticator (requests' HTTPDigestAuth); realm answers
// handlesRealm, once per function.
func inDigestAuth(parents map[python.Node]python.Node, n python.Node, realm func(*python.FunctionDef) bool) bool {
	for p := parents[n]; p != nil; p = parents[p] {
		switch d := p.(type) {
		case *python.ClassDef:
			if digestAuthName(d.Name) {
				return true
			}
		case *python.FunctionDef:
			if digestAuthName(d.Name) || realm(d) {
				return true
			}
		}
	}
	return false
}

// signsRequest reports whether a function signs a request to another
// service with the digest: it puts a value under a key named like a
// signature ("sig", "signature", "sign", "hash", "check") and sends the request or
// builds its query string (an HTTP client call, urlencode). Social login
// providers such as Mail.ru, Odnoklassniki and Draugiem prescribe
// MD5(params + app secret) as the signature; the client cannot choose.
// Comparing the digest with the signature a request carries (hash ==
// query["hash"]) checks a payment provider's callback the same way.
//
// A function named for the signature it makes (_get_api_sig,
// request_signature) signs too, as does one that hands the digest on as
// a keyword named like a signature (_doget(method, api_sig=digest)) or
// writes it into a query string that names it ("...&api_sig=%s"): Flickr
// and Last.fm prescribe MD5(secret + params) as that value.
func signsRequest(m *taint.Module, fn *python.FunctionDef) bool {
	if namesSignature(fn.Name) {
		return true
	}
	signed, sent := false, false
	python.Inspect(fn, func(n python.Node) bool {
		switch x := n.(type) {
		case *python.Constant:
			if s, ok := x.Value.(string); ok && queryNamesSignature(s) {
				signed, sent = true, true
			}
		case *python.Dict:
			for _, k := range x.Keys {
				signed = signed || signatureKey(k)
			}
		case *python.Subscript:
			signed = signed || signatureKey(x.Slice)
		case *python.Compare:
			// hash == query["hash"]: the signature a provider's
			// callback carries, checked
			for _, e := range append([]python.Expr{x.Left}, x.Comparators...) {
				if signatureRead(e) {
					signed, sent = true, true
				}
			}
		case *python.Call:
			for _, k := range x.Keywords {
				if signatureWord(k.Arg) {
					signed, sent = true, true
				}
			}
			q := m.QualName(x.Func)
			switch {
			case lastName(q) == "urlencode", strings.HasPrefix(q, "requests."), strings.HasPrefix(q, "httpx."):
				sent = true
			case kw(x, "params") != nil:
				sent = true // session.get(url, params=data)
			case lastName(q) == "compare_digest" && slices.ContainsFunc(x.Args, signatureRead):
				signed, sent = true, true
			}
		}
		return !(signed && sent)
	})
	return signed && sent
}

// signatureRead reports a read of a signature key from a mapping:
// query["hash"], params.get("sign").
func signatureRead(e python.Expr) bool {
	switch x := e.(type) {
	case *python.Subscript:
		return signatureKey(x.Slice)
	case *python.Call:
		a, ok := x.Func.(*python.Attribute)
		return ok && a.Attr == "get" && len(x.Args) > 0 && signatureKey(x.Args[0])
	}
	return false
}

func signatureKey(e python.Expr) bool {
	s, ok := constStr(e)
	return ok && signatureWord(s)
}

// signatureWord reports a parameter or key named like a request's
// signature.
func signatureWord(s string) bool {
	switch strings.ToLower(s) {
	case "sig", "signature", "sign", "hash", "api_sig", "check", "checksum":
		return true
	}
	return false
}

// queryNamesSignature reports a query string, or a piece of one, that
// passes a signature: "&api_sig=%s", "?sig=".
func queryNamesSignature(s string) bool {
	for _, w := range []string{"sig=", "signature=", "api_sig="} {
		if i := strings.Index(s, w); i > 0 && (s[i-1] == '&' || s[i-1] == '?') {
			return true
		}
	}
	return false
}

// namesSignature reports a function named for a signature it computes:
// a word of its name is sig or signature (_get_api_sig,
// request_signature; not sign_up).
func namesSignature(name string) bool {
	for _, w := range strings.Split(strings.ToLower(name), "_") {
		if w == "sig" || w == "signature" {
			return true
		}
	}
	return false
}

// attrsSigning returns the attributes of self that the module's request
// signing functions (signs) send as the signature: params["check"] =
// self.CHECK, or check = self.CHECK and then params["check"] = check. A
// digest kept on the object by __init__ is signed with by another method.
func attrsSigning(m *taint.Module, signs func(*python.FunctionDef) bool) map[string]bool {
	out := map[string]bool{}
	python.Inspect(m.Tree(), func(n python.Node) bool {
		if d, ok := n.(*python.FunctionDef); ok && signs(d) {
			signedValues(d, out)
		}
		return true
	})
	return out
}

// signedValues adds to out the attributes of self that fn puts under a
// signature key, directly or through a local name.
func signedValues(fn *python.FunctionDef, out map[string]bool) {
	locals := map[string]bool{}
	signed := func(v python.Expr) {
		switch x := v.(type) {
		case *python.Name:
			locals[x.ID] = true
		case *python.Attribute:
			if self, ok := x.Value.(*python.Name); ok && self.ID == "self" {
				out[x.Attr] = true
			}
		}
	}
	python.Inspect(fn, func(n python.Node) bool {
		switch x := n.(type) {
		case *python.Assign:
			for _, t := range x.Targets {
				if sub, ok := t.(*python.Subscript); ok && signatureKey(sub.Slice) {
					signed(x.Value)
				}
			}
		case *python.Dict:
			for i, k := range x.Keys {
				if k != nil && signatureKey(k) {
					signed(x.Values[i])
				}
			}
		}
		return true
	})
	python.Inspect(fn, func(n python.Node) bool {
		if a, ok := n.(*python.Assign); ok && len(a.Targets) == 1 {
			if t, ok := a.Targets[0].(*python.Name); ok && locals[t.ID] {
				if at, ok := a.Value.(*python.Attribute); ok {
					if self, ok := at.Value.(*python.Name); ok && self.ID == "self" {
						out[at.Attr] = true
					}
				}
			}
		}
		return true
	})
}

func digestAuthName(name string) bool {
	l := strings.ToLower(name)
	return strings.Contains(l, "digest") && strings.Contains(l, "auth")
}

// handlesRealm reports whether a function names the authentication realm
// in a parameter, variable, attribute or string (a challenge's "realm" key).
func handlesRealm(fn *python.FunctionDef) bool {
	found := false
	python.Inspect(fn, func(n python.Node) bool {
		var id string
		switch x := n.(type) {
		case *python.Name:
			id = x.ID
		case *python.Attribute:
			id = x.Attr
		case *python.Arg:
			id = x.Arg
		case *python.Constant:
			id, _ = x.Value.(string)
		}
		if strings.Contains(strings.ToLower(id), "realm") {
			found = true
		}
		return !found
	})
	return found
}

func weakAlgo(q string, c *python.Call) string {
	switch q {
	case "hashlib.md5", "hashlib.sha1":
		return q
	case "hashlib.new":
		if len(c.Args) > 0 {
			if s, ok := constStr(c.Args[0]); ok && (s == "md5" || s == "sha1" || s == "MD5" || s == "SHA1") {
				return "hashlib.new(" + s + ")"
			}
		}
	}
	return ""
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// hmacKeyNames returns the names a function assigns once and then reads
// only as the key of an HMAC (key = sha1(secret).digest(), then
// hmac.new(key, msg, sha256)): a digest there is a key derived from the
// secret, which no one sees to brute-force, not a stored hash of it.
func hmacKeyNames(fn *python.FunctionDef) map[string]bool {
	keyUses, uses := map[string]int{}, map[string]int{}
	python.Inspect(fn, func(n python.Node) bool {
		switch x := n.(type) {
		case *python.Name:
			uses[x.ID]++
		case *python.Call:
			if a, ok := x.Func.(*python.Attribute); ok && (a.Attr == "new" || a.Attr == "HMAC" || a.Attr == "digest") && len(x.Args) > 0 {
				if mod, ok := a.Value.(*python.Name); ok && mod.ID == "hmac" {
					if k, ok := x.Args[0].(*python.Name); ok {
						keyUses[k.ID]++
					}
				}
			}
		}
		return true
	})
	out := map[string]bool{}
	for name, n := range keyUses {
		// every read of the name but its one assignment is an HMAC's key
		if uses[name] == n+1 {
			out[name] = true
		}
	}
	return out
}

// fileNameNames returns the names a function assigns once and then reads
// only to join them to a folder (key_name = "." + md5(key).hexdigest(),
// then os.path.join(folder, key_name)): a digest there names a file by
// its content, and nothing compares it with a guess.
func fileNameNames(fn *python.FunctionDef) map[string]bool {
	joinUses, uses := map[string]int{}, map[string]int{}
	python.Inspect(fn, func(n python.Node) bool {
		switch x := n.(type) {
		case *python.Name:
			uses[x.ID]++
		case *python.Call:
			if a, ok := x.Func.(*python.Attribute); ok && a.Attr == "join" && access.Dotted(a.Value) == "os.path" {
				for _, arg := range x.Args[min(1, len(x.Args)):] {
					if k, ok := arg.(*python.Name); ok {
						joinUses[k.ID]++
					}
				}
			}
		}
		return true
	})
	out := map[string]bool{}
	for name, n := range joinUses {
		if uses[name] == n+1 {
			out[name] = true
		}
	}
	return out
}

// stmtTarget names what receives the value a call is part of: the
// assignment target, or the function for a return; "" otherwise.
func stmtTarget(m *taint.Module, st taint.Site) string {
	switch x := st.Stmt.(type) {
	case *python.Assign:
		if len(x.Targets) > 0 {
			return m.Text(x.Targets[0])
		}
	case *python.AugAssign:
		return m.Text(x.Target)
	case *python.AnnAssign:
		return m.Text(x.Target)
	case *python.Return:
		if st.Func != nil {
			return st.Func.Name
		}
	}
	return ""
}

// pwnedRange reports a digest, target, that fn cuts to its first five
// characters (sha1_hash[:5]); the caller asks only in a module that calls
// the Pwned Passwords range API (api.pwnedpasswords.com/range/). That
// API's k-anonymity scheme prescribes SHA-1 of the password, is sent
// those five hex digits and answers with the suffixes of every breached
// password that shares them. The digest is compared, never stored or
// shown.
func pwnedRange(m *taint.Module, fn *python.FunctionDef, target string) bool {
	if target == "" {
		return false
	}
	found := false
	python.Inspect(fn, func(n python.Node) bool {
		if found {
			return false
		}
		s, ok := n.(*python.Subscript)
		if !ok || m.Text(s.Value) != target {
			return true
		}
		if sl, ok := s.Slice.(*python.Slice); ok && sl.Lower == nil && sl.Step == nil {
			if c, ok := sl.Upper.(*python.Constant); ok && c.Value == int64(5) {
				found = true
			}
		}
		return !found
	})
	return found
}
