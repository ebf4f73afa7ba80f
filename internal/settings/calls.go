package settings

import (
	"math/big"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/djsec/djsec/internal/python"
)

// call evaluates a call to a function djsec knows: environment lookups of
// every common style, path helpers, type conversions, string methods, and
// functions defined in the settings module itself.
func (e *evaluator) call(x *python.Call, o Origin) *Value {
	fn := e.eval(x.Func)
	args := e.args(x)
	kw, ok := e.kwargs(x)
	for _, a := range args {
		if a == nil {
			ok = false
		}
	}
	if !ok {
		return Unknownf(o, "call with arguments djsec cannot follow")
	}
	if fn.Kind == Env || fn.Kind == MayBe {
		return lift(o, []*Value{fn}, func(vs []*Value) *Value { return e.callValue(vs[0], args, kw, o) })
	}
	return e.callValue(fn, args, kw, o)
}

func (e *evaluator) callValue(fn *Value, args []*Value, kw map[string]*Value, o Origin) *Value {
	switch fn.Kind {
	case Func:
	case Unknown:
		return Unknownf(o, "call of something djsec cannot follow (%s)", fn.Why)
	default:
		return Unknownf(o, "call of %s", fn.Repr())
	}
	if fn.def != nil {
		return e.inline(fn, args, kw, o)
	}
	if strings.HasPrefix(fn.S, "method.") && fn.bound != nil {
		name := strings.TrimPrefix(fn.S, "method.")
		return lift(o, append([]*Value{fn.bound}, args...), func(vs []*Value) *Value {
			return method(vs[0], name, vs[1:], kw, o)
		})
	}
	return e.callNamed(fn, args, kw, o)
}

func arg(args []*Value, kw map[string]*Value, i int, name string) *Value {
	if v, ok := kw[name]; ok {
		return v
	}
	if i >= 0 && i < len(args) {
		return args[i]
	}
	return nil
}

func (e *evaluator) callNamed(fn *Value, args []*Value, kw map[string]*Value, o Origin) *Value {
	name := fn.S
	switch name {
	case "os.environ.get", "os.getenv", "os.environ.setdefault":
		def := arg(args, kw, 1, "default")
		if def == nil {
			def = noneVal(o)
		}
		return e.envLookup(arg(args, kw, 0, "key"), def, "os.environ", nil, o)
	case "os.path.join":
		return lift(o, args, func(vs []*Value) *Value {
			if len(vs) == 0 {
				return Unknownf(o, "os.path.join()")
			}
			p, bad := joinPaths(vs)
			if bad != nil {
				return Unknownf(o, "os.path.join of %s", bad.Repr())
			}
			return &Value{Kind: Str, S: p, Origin: o}
		})
	case "os.path.dirname", "os.path.abspath", "os.path.realpath", "os.path.normpath", "os.path.basename":
		return lift(o, args, func(vs []*Value) *Value {
			if len(vs) != 1 || !vs[0].IsString() {
				return Unknownf(o, "%s of unknown path", name)
			}
			s := vs[0].S
			switch name {
			case "os.path.dirname":
				s = path.Dir(s)
			case "os.path.basename":
				s = path.Base(s)
			default:
				s = path.Clean(s)
			}
			return &Value{Kind: Str, S: s, Origin: o}
		})
	case "pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath":
		return lift(o, args, func(vs []*Value) *Value {
			p, bad := joinPaths(vs)
			if bad != nil {
				return Unknownf(o, "Path of %s", bad.Repr())
			}
			if p == "" {
				p = "."
			}
			return &Value{Kind: Path, S: p, Origin: o}
		})
	case "builtins.str", "builtins.int", "builtins.bool", "builtins.float", "builtins.list",
		"builtins.tuple", "builtins.set", "builtins.frozenset", "builtins.len", "builtins.dict":
		if name == "builtins.dict" {
			if len(args) == 0 {
				d := &Value{Kind: Dict, Origin: o, Literal: true}
				for k, v := range kw {
					d = setItem(d, strVal(k, o), v, o)
				}
				return d
			}
			if len(args) == 1 && len(kw) == 0 && args[0].Kind == Dict {
				return args[0]
			}
			return Unknownf(o, "dict(...)")
		}
		if len(args) != 1 || len(kw) > 0 {
			if name == "builtins.str" && len(args) == 0 {
				return strVal("", o)
			}
			if (name == "builtins.list" || name == "builtins.tuple") && len(args) == 0 {
				return listVal(kindOf(name), nil, o)
			}
			return Unknownf(o, "%s with several arguments", name)
		}
		return lift(o, args, func(vs []*Value) *Value { return convert(strings.TrimPrefix(name, "builtins."), vs[0], o) })
	case "distutils.util.strtobool", "str2bool":
		return lift(o, args, func(vs []*Value) *Value { return castBool(vs[0], o, true) })
	case "environ.Env", "environ.environ.Env",
		// FileAwareEnv also reads NAME_FILE (a Docker secret's file) when
		// NAME is unset: still the environment, with the same defaults
		"environ.FileAwareEnv", "environ.environ.FileAwareEnv":
		return &Value{Kind: Func, S: "environ.Env()", bound: kwDict(kw, o), Origin: o}
	case "decouple.AutoConfig", "decouple.Config":
		return &Value{Kind: Func, S: "decouple.config", Origin: o}
	case "decouple.Csv":
		return &Value{Kind: Func, S: "decouple.Csv()", Origin: o}
	case "decouple.config":
		return e.decouple(args, kw, o)
	case "dj_database_url.config":
		envName := "DATABASE_URL"
		if v := arg(nil, kw, -1, "env"); v != nil && v.Kind == Str {
			envName = v.S
		}
		def := arg(nil, kw, -1, "default")
		if def == nil {
			def = noneVal(o)
		}
		return e.envLookup(strVal(envName, o), def, "dj_database_url.config", func(v *Value) *Value { return parseDBURL(v, o) }, o, true)
	case "dj_database_url.parse":
		if len(args) < 1 {
			return Unknownf(o, "dj_database_url.parse()")
		}
		return lift(o, args[:1], func(vs []*Value) *Value { return parseDBURL(vs[0], o) })
	case "environ.Env.read_env", "environ.Env().read_env", "dotenv.load_dotenv", "environ.Env.read_env()":
		if p := arg(args, kw, -1, "env_file"); p != nil && len(args) == 0 {
			args = []*Value{p}
		} else if p := arg(args, kw, -1, "dotenv_path"); p != nil && len(args) == 0 {
			args = []*Value{p}
		}
		e.loadDotenv(args, o)
		return noneVal(o)
	}
	if name == "environ.Env().read_env" || name == "environ.Env().read_env()" {
		e.loadDotenv(args, o)
		return noneVal(o)
	}
	if strings.HasPrefix(name, "environ.Env()") {
		return e.environ(fn, strings.TrimPrefix(name, "environ.Env()"), args, kw, o)
	}
	if name == "decouple.Csv()" && len(args) == 1 {
		return lift(o, args, func(vs []*Value) *Value { return castList(vs[0], o) })
	}
	return Unknownf(o, "call of %s", name)
}

func kindOf(name string) Kind {
	if strings.HasSuffix(name, "tuple") {
		return Tuple
	}
	return List
}

func kwDict(kw map[string]*Value, o Origin) *Value {
	d := &Value{Kind: Dict, Origin: o}
	for k, v := range kw {
		d = setItem(d, strVal(k, o), v, o)
	}
	return d
}

// envLookup is the value of environment variable key: the --env value when
// the user gave one, else an Env value whose default is def (nil: the
// variable is required). cast turns the variable's text into the value;
// castDefault says whether the library applies it to the default too.
func (e *evaluator) envLookup(key, def *Value, style string, cast func(*Value) *Value, o Origin, castDefault ...bool) *Value {
	if key == nil || key.Kind != Str {
		return Unknownf(o, "environment lookup of a name djsec does not know")
	}
	if raw, ok := e.l.env[key.S]; ok {
		v := strVal(raw, o)
		if cast != nil {
			v = cast(v)
		}
		c := *v
		c.Origin, c.Literal, c.Why = o, false, "from --env "+key.S
		c.Vars = []string{key.S}
		return &c
	}
	var dotenv *Value
	if style == "decouple.config" {
		dotenv = e.decoupleDotenv()
	} else {
		dotenv, _ = e.ns.get(dotenvName)
	}
	if v := fromDotenv(dotenv, key.S); v != nil {
		// A committed .env file sets the variable whenever the real
		// environment does not: it is the default that counts.
		def = v
		if cast != nil {
			def = cast(v)
			def.Origin, def.Literal = v.Origin, true
		}
		return &Value{Kind: Env, Vars: []string{key.S}, Default: def, Origin: v.Origin, Why: style + " and " + v.Origin.Path}
	}
	if def == nil {
		e.required = unionVars(e.required, []string{key.S})
		return &Value{Kind: Env, Vars: []string{key.S}, Origin: o, Why: style}
	}
	if cast != nil && len(castDefault) > 0 && castDefault[0] {
		def = lift(o, []*Value{def}, func(vs []*Value) *Value {
			c := cast(vs[0])
			c.Literal = vs[0].Literal
			return c
		})
	}
	if def.Kind == Env {
		return &Value{Kind: Env, Vars: unionVars([]string{key.S}, def.Vars), Default: def.Default, Origin: o, Why: style}
	}
	return &Value{Kind: Env, Vars: []string{key.S}, Default: def, Origin: o, Why: style}
}

// decouple evaluates python-decouple's config(name, default=..., cast=...),
// which applies cast to the default as well.
func (e *evaluator) decouple(args []*Value, kw map[string]*Value, o Origin) *Value {
	def := arg(args, kw, 1, "default")
	castV := arg(args, kw, 2, "cast")
	var cast func(*Value) *Value
	if castV != nil {
		switch castV.S {
		case "builtins.bool":
			cast = func(v *Value) *Value { return castBool(v, o, true) }
		case "builtins.int", "builtins.float", "builtins.str", "builtins.list", "builtins.tuple":
			n := strings.TrimPrefix(castV.S, "builtins.")
			cast = func(v *Value) *Value { return convert(n, v, o) }
		case "decouple.Csv()":
			cast = func(v *Value) *Value { return castList(v, o) }
		case "dj_database_url.parse":
			cast = func(v *Value) *Value { return parseDBURL(v, o) }
		default:
			cast = func(v *Value) *Value { return Unknownf(o, "cast %s", castV.Repr()) }
		}
	}
	return e.envLookup(arg(args, kw, 0, "option"), def, "decouple.config", cast, o, true)
}

// environ evaluates django-environ's Env instance calls: env("K"),
// env.bool("K", default=...), env.db(), and the scheme given to Env().
func (e *evaluator) environ(fn *Value, method string, args []*Value, kw map[string]*Value, o Origin) *Value {
	method = strings.TrimPrefix(method, ".")
	key := arg(args, kw, 0, "var")
	def := arg(args, kw, 1, "default")
	parseDefault := false
	if method == "db" || method == "db_url" || method == "database_url" || method == "cache" || method == "cache_url" || method == "email" || method == "email_url" || method == "search_url" {
		if key == nil {
			key = strVal(map[string]string{"db": "DATABASE_URL", "db_url": "DATABASE_URL", "database_url": "DATABASE_URL",
				"cache": "CACHE_URL", "cache_url": "CACHE_URL", "email": "EMAIL_URL", "email_url": "EMAIL_URL", "search_url": "SEARCH_URL"}[method], o)
		}
		parseDefault = true
		def = arg(args, kw, 1, "default")
	}
	var cast func(*Value) *Value
	castName := method
	if method == "" {
		if c := arg(nil, kw, -1, "cast"); c != nil {
			castName = strings.TrimPrefix(c.S, "builtins.")
		}
	}
	if def == nil && key != nil && key.Kind == Str && fn.bound != nil {
		if s := fn.bound.Get(key.S); s != nil {
			if s.Kind == Tuple && len(s.Elems) == 2 {
				if castName == "" {
					castName = strings.TrimPrefix(s.Elems[0].S, "builtins.")
				}
				def = s.Elems[1]
			} else if castName == "" {
				castName = strings.TrimPrefix(s.S, "builtins.")
			}
		}
	}
	switch castName {
	case "", "str", "unicode", "bytes", "path":
	case "bool":
		cast = func(v *Value) *Value { return castBool(v, o, false) }
	case "int", "float":
		n := castName
		cast = func(v *Value) *Value { return convert(n, v, o) }
	case "list", "tuple":
		cast = func(v *Value) *Value { return castList(v, o) }
	case "db", "db_url", "database_url":
		cast = func(v *Value) *Value { return parseDBURL(v, o) }
	default:
		cast = func(v *Value) *Value { return Unknownf(o, "env.%s", castName) }
	}
	return e.envLookup(key, def, "django-environ", cast, o, parseDefault)
}

// convert is Python's str(), int(), float(), bool(), list(), tuple(), set(), len().
func convert(name string, v *Value, o Origin) *Value {
	switch name {
	case "str":
		if s := strOf(v); s != nil {
			s.Origin = o
			return s
		}
	case "int":
		switch v.Kind {
		case Int:
			return v
		case Bool:
			return &Value{Kind: Int, I: toBig(v), Origin: o, Literal: v.Literal}
		case Float:
			return &Value{Kind: Int, I: big.NewInt(int64(v.F)), Origin: o, Literal: v.Literal}
		case Str:
			s := strings.ReplaceAll(strings.TrimSpace(v.S), "_", "")
			if z, ok := new(big.Int).SetString(s, 10); ok {
				return &Value{Kind: Int, I: z, Origin: o, Literal: v.Literal}
			}
			return Unknownf(o, "int(%s) fails", v.Repr())
		}
	case "float":
		switch v.Kind {
		case Int, Bool:
			return &Value{Kind: Float, F: toFloat(numOf(v)), Origin: o, Literal: v.Literal}
		case Float:
			return v
		case Str:
			if f, err := strconv.ParseFloat(strings.TrimSpace(v.S), 64); err == nil {
				return &Value{Kind: Float, F: f, Origin: o, Literal: v.Literal}
			}
		}
	case "bool":
		if t := v.Truth(); t >= 0 {
			return &Value{Kind: Bool, B: t == 1, Origin: o, Literal: v.Literal}
		}
	case "list", "tuple", "set", "frozenset":
		k := map[string]Kind{"list": List, "tuple": Tuple, "set": Set, "frozenset": Set}[name]
		switch {
		case v.IsSeq():
			return &Value{Kind: k, Elems: v.Elems, Origin: o, Literal: v.Literal}
		case v.Kind == Dict:
			return &Value{Kind: k, Elems: v.Keys, Origin: o, Literal: v.Literal}
		case v.Kind == Str:
			if n := utf8.RuneCountInString(v.S); n > maxElems {
				return Unknownf(o, "%s() of a string of %d characters, more than djsec evaluates (%d)", name, n, maxElems)
			}
			var el []*Value
			for _, r := range v.S {
				el = append(el, strVal(string(r), o))
			}
			return &Value{Kind: k, Elems: el, Origin: o, Literal: v.Literal}
		}
	case "len":
		switch {
		case v.Kind == Str:
			return intVal(int64(len([]rune(v.S))), o)
		case v.IsSeq() || v.Kind == Dict:
			return intVal(int64(len(v.Elems)), o)
		}
	}
	return Unknownf(o, "%s(%s)", name, v.Repr())
}

func strOf(v *Value) *Value {
	s := ""
	switch v.Kind {
	case Str, Path:
		s = v.S
	case Int:
		s = v.I.String()
	case Bool:
		s = map[bool]string{true: "True", false: "False"}[v.B]
	case None:
		s = "None"
	case Float:
		s = strconv.FormatFloat(v.F, 'g', -1, 64)
	default:
		return nil
	}
	return &Value{Kind: Str, S: s, Origin: v.Origin, Literal: v.Literal}
}

// castBool reads a boolean the way python-decouple (strict: unknown words are
// an error) or django-environ (anything else is False) do. Non-strings go
// through Python's bool().
func castBool(v *Value, o Origin, strict bool) *Value {
	if v.Kind != Str {
		return convert("bool", v, o)
	}
	s := strings.ToLower(strings.TrimSpace(v.S))
	switch s {
	case "true", "1", "yes", "on", "y", "t", "ok":
		return &Value{Kind: Bool, B: true, Origin: o, Literal: v.Literal}
	case "false", "0", "no", "off", "n", "f", "":
		return &Value{Kind: Bool, B: false, Origin: o, Literal: v.Literal}
	}
	if strict {
		return Unknownf(o, "not a boolean: %s", v.Repr())
	}
	return &Value{Kind: Bool, B: false, Origin: o, Literal: v.Literal}
}

// castList splits a comma-separated string, as env.list and decouple's Csv do.
func castList(v *Value, o Origin) *Value {
	if v.Kind != Str {
		if v.IsSeq() {
			return v
		}
		return Unknownf(o, "list of %s", v.Repr())
	}
	if n := strings.Count(v.S, ",") + 1; n > maxElems {
		return Unknownf(o, "a list of %d items, more than djsec evaluates (%d)", n, maxElems)
	}
	var el []*Value
	for _, p := range strings.Split(v.S, ",") {
		if p = strings.TrimSpace(p); p != "" {
			el = append(el, &Value{Kind: Str, S: p, Origin: o, Literal: v.Literal})
		}
	}
	return &Value{Kind: List, Elems: el, Origin: o, Literal: v.Literal}
}

var dbEngines = map[string]string{
	"postgres": "django.db.backends.postgresql", "postgresql": "django.db.backends.postgresql",
	"pgsql": "django.db.backends.postgresql", "postgis": "django.contrib.gis.db.backends.postgis",
	"mysql": "django.db.backends.mysql", "mysql2": "django.db.backends.mysql",
	"mysqlgis": "django.contrib.gis.db.backends.mysql", "sqlite": "django.db.backends.sqlite3",
	"oracle": "django.db.backends.oracle", "mssql": "mssql", "redshift": "django_redshift_backend",
	"cockroach": "django_cockroachdb", "timescale": "timescale.db.backends.postgresql",
}

// parseDBURL turns a database URL into the DATABASES entry that
// dj-database-url and django-environ build from it. The entry keeps the URL
// under the key "URL" so that rules can quote it.
func parseDBURL(v *Value, o Origin) *Value {
	if v.Kind == None {
		return &Value{Kind: Dict, Origin: o, Literal: v.Literal}
	}
	if v.Kind != Str {
		return Unknownf(o, "database URL %s", v.Repr())
	}
	u, err := url.Parse(v.S)
	if err != nil {
		return Unknownf(o, "database URL does not parse")
	}
	lit := v.Literal
	s := func(x string) *Value { return &Value{Kind: Str, S: x, Origin: o, Literal: lit} }
	d := &Value{Kind: Dict, Origin: o, Literal: lit}
	put := func(k string, x *Value) { d = setItem(d, strVal(k, o), x, o) }
	engine := dbEngines[u.Scheme]
	if engine == "" {
		engine = u.Scheme
	}
	put("ENGINE", s(engine))
	put("NAME", s(strings.TrimPrefix(u.Path, "/")))
	if u.User != nil {
		put("USER", s(u.User.Username()))
		if p, ok := u.User.Password(); ok {
			put("PASSWORD", s(p))
		}
	}
	put("HOST", s(u.Hostname()))
	put("PORT", s(u.Port()))
	if q := u.Query(); len(q) > 0 {
		opts := &Value{Kind: Dict, Origin: o, Literal: lit}
		for k, vs := range q {
			opts = setItem(opts, strVal(k, o), s(vs[0]), o)
		}
		put("OPTIONS", opts)
	}
	put("URL", s(v.S))
	return d
}

// method evaluates a method call on a known value.
func method(recv *Value, name string, args []*Value, kw map[string]*Value, o Origin) *Value {
	lit := recv.Literal
	for _, a := range args {
		lit = lit && a.Literal
	}
	str := func(s string) *Value { return &Value{Kind: Str, S: s, Origin: o, Literal: lit} }
	switch recv.Kind {
	case Str:
		switch name {
		case "lower":
			return str(strings.ToLower(recv.S))
		case "upper":
			return str(strings.ToUpper(recv.S))
		case "strip", "lstrip", "rstrip":
			cut := " \t\n\r\x0b\x0c"
			if len(args) == 1 && args[0].Kind == Str {
				cut = args[0].S
			}
			switch name {
			case "strip":
				return str(strings.Trim(recv.S, cut))
			case "lstrip":
				return str(strings.TrimLeft(recv.S, cut))
			}
			return str(strings.TrimRight(recv.S, cut))
		case "split":
			var parts []string
			switch {
			case len(args) == 0 && len(kw) == 0:
				parts = strings.Fields(recv.S)
			case len(args) == 1 && args[0].Kind == Str && args[0].S != "":
				parts = strings.Split(recv.S, args[0].S)
			default:
				return Unknownf(o, "split with these arguments")
			}
			if len(parts) > maxElems {
				return Unknownf(o, "split() into %d parts, more than djsec evaluates (%d)", len(parts), maxElems)
			}
			el := make([]*Value, len(parts))
			for i, p := range parts {
				el[i] = str(p)
			}
			return &Value{Kind: List, Elems: el, Origin: o, Literal: lit}
		case "startswith", "endswith":
			if len(args) == 1 && args[0].Kind == Str {
				if name == "startswith" {
					return boolVal(strings.HasPrefix(recv.S, args[0].S), o)
				}
				return boolVal(strings.HasSuffix(recv.S, args[0].S), o)
			}
		case "replace":
			if len(args) == 2 && args[0].Kind == Str && args[1].Kind == Str {
				if n := strings.Count(recv.S, args[0].S); len(recv.S)+n*len(args[1].S) > maxStrLen {
					return Unknownf(o, "replace() builds a string longer than djsec evaluates (%d bytes)", maxStrLen)
				}
				return str(strings.ReplaceAll(recv.S, args[0].S, args[1].S))
			}
		case "join":
			if len(args) == 1 {
				ss, all := args[0].Strings()
				if all {
					n := len(recv.S) * len(ss)
					for _, x := range ss {
						n += len(x)
					}
					if n > maxStrLen {
						return Unknownf(o, "join() builds a string longer than djsec evaluates (%d bytes)", maxStrLen)
					}
					return str(strings.Join(ss, recv.S))
				}
			}
		case "format":
			return format(recv, args, kw, o)
		case "encode", "casefold":
			return recv
		case "isdigit":
			_, err := strconv.Atoi(recv.S)
			return boolVal(err == nil && recv.S != "", o)
		}
	case Path:
		switch name {
		case "resolve", "absolute", "expanduser":
			return &Value{Kind: Path, S: recv.S, Origin: o}
		case "joinpath":
			p, bad := joinPaths(append([]*Value{strVal(recv.S, o)}, args...))
			if bad != nil {
				return Unknownf(o, "joinpath of %s", bad.Repr())
			}
			return &Value{Kind: Path, S: p, Origin: o}
		case "as_posix", "__str__":
			return str(recv.S)
		}
	case Dict:
		switch name {
		case "get":
			if len(args) >= 1 {
				for i := len(recv.Keys) - 1; i >= 0; i-- {
					if Equal(recv.Keys[i], args[0]) == 1 {
						return recv.Elems[i]
					}
				}
				if recv.HasUnknownKeys() {
					return Unknownf(o, "key may be set by data djsec does not see")
				}
				if len(args) == 2 {
					return args[1]
				}
				return noneVal(o)
			}
		case "copy":
			return recv
		}
	case List, Tuple, Set:
		if name == "copy" {
			return recv
		}
		if name == "index" || name == "count" {
			return Unknownf(o, "%s()", name)
		}
	}
	return Unknownf(o, "method %s of %s", name, recv.Repr())
}

// format handles "{}", "{0}" and "{name}" fields of str.format.
func format(f *Value, args []*Value, kw map[string]*Value, o Origin) *Value {
	var b strings.Builder
	s := f.S
	next := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '}' && i+1 < len(s) && s[i+1] == '}' {
			b.WriteByte('}')
			i++
			continue
		}
		if c != '{' {
			b.WriteByte(c)
			continue
		}
		if i+1 < len(s) && s[i+1] == '{' {
			b.WriteByte('{')
			i++
			continue
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return Unknownf(o, "bad format string")
		}
		field := s[i+1 : i+j]
		i += j
		var v *Value
		if field == "" {
			if next >= len(args) {
				return Unknownf(o, "bad format")
			}
			v = args[next]
			next++
		} else if n, err := strconv.Atoi(field); err == nil && n < len(args) {
			v = args[n]
		} else if kv, ok := kw[field]; ok {
			v = kv
		}
		if v == nil {
			return Unknownf(o, "format field {%s}", field)
		}
		sv := strOf(v)
		if sv == nil {
			return Unknownf(o, "format of a value djsec does not know")
		}
		if b.Len()+len(sv.S) > maxStrLen {
			return Unknownf(o, "a formatted string longer than djsec evaluates (%d bytes)", maxStrLen)
		}
		b.WriteString(sv.S)
	}
	return &Value{Kind: Str, S: b.String(), Origin: o}
}

// inline evaluates a call to a function defined in a settings module when
// its body is straight-line code ending in a return.
func (e *evaluator) inline(fn *Value, args []*Value, kw map[string]*Value, o Origin) *Value {
	if e.depth >= maxCallDepth {
		return Unknownf(o, "calls nested too deep")
	}
	d := fn.def
	a := d.Args
	if a == nil || a.Vararg != nil || a.Kwarg != nil || len(a.Posonlyargs) > 0 {
		return Unknownf(o, "call of %s", d.Name)
	}
	if slices.Contains(e.inlining, d) {
		// a function that calls itself, many times over, would be
		// inlined a power of that many times before the depth stops it
		return Unknownf(o, "recursive call of %s", d.Name)
	}
	if touched := e.l.globalsTouched(d); len(touched) > 0 {
		// The function changes module-level names (a global statement, or
		// INSTALLED_APPS.append in its body): djsec does not follow that.
		for _, n := range touched {
			if _, ok := e.ns.get(n); ok {
				e.ns.set(n, Unknownf(o, "changed by %s()", d.Name))
			}
		}
		return Unknownf(o, "%s() changes module-level names", d.Name)
	}
	child := &evaluator{l: e.l, file: e.file, pf: e.pf, depth: e.depth + 1, ns: &Namespace{vars: map[string]*Value{}, parent: e.ns},
		inlining: append(slices.Clip(e.inlining), d)}
	if fn.members != nil && fn.members.parent != nil {
		child.ns.parent = fn.members.parent
	}
	nd := len(a.Defaults)
	for i, p := range a.Args {
		var v *Value
		switch {
		case i < len(args):
			v = args[i]
		case kw[p.Arg] != nil:
			v = kw[p.Arg]
		case i >= len(a.Args)-nd:
			v = e.eval(a.Defaults[i-(len(a.Args)-nd)])
		default:
			return Unknownf(o, "call of %s with missing arguments", d.Name)
		}
		child.ns.set(p.Arg, v)
	}
	for i, p := range a.Kwonlyargs {
		switch {
		case kw[p.Arg] != nil:
			child.ns.set(p.Arg, kw[p.Arg])
		case i < len(a.KwDefaults) && a.KwDefaults[i] != nil:
			child.ns.set(p.Arg, e.eval(a.KwDefaults[i]))
		default:
			return Unknownf(o, "call of %s with missing arguments", d.Name)
		}
	}
	if len(args) > len(a.Args) {
		return Unknownf(o, "call of %s with extra arguments", d.Name)
	}
	child.execBlock(d.Body)
	e.required = unionVars(e.required, child.required)
	switch {
	case child.envLoop && !child.lostReturn && child.term && child.termKind == "return" && child.ret != nil &&
		len(args) > 0 && args[0].Kind == Str && child.ret.IsKnown():
		// get_env("DB_PASSWORD", "postgres"): the variable, or its default
		def := *child.ret
		return &Value{Kind: Env, Vars: []string{args[0].S}, Default: &def, Origin: o, Why: d.Name + "()"}
	case child.lostReturn || child.envLoop:
		return Unknownf(o, "%s returns on paths djsec does not follow", d.Name)
	case child.term && child.termKind == "return" && child.ret != nil:
		r := *child.ret
		r.Origin = o
		return child.result(&r)
	case !child.term:
		return child.result(noneVal(o))
	case len(child.pending) > 0:
		// Raises on the path that ran to the end: the returns taken on the
		// way are what the function gives when it does not fail.
		return Unknownf(o, "%s raises on some paths", d.Name)
	}
	return Unknownf(o, "%s raises", d.Name)
}

// globalsTouched lists the module-level names a function's body changes:
// names declared global, and names it mutates (x.append(...), x[k] = v)
// without binding them locally first.
// globalsTouched is the package's globalsTouched, once per function: it
// walks the whole body, and a function may be inlined many times.
func (l *loader) globalsTouched(d *python.FunctionDef) []string {
	l.mu.Lock()
	t, ok := l.touched[d]
	l.mu.Unlock()
	if ok {
		return t
	}
	t = globalsTouched(d)
	l.mu.Lock()
	if l.touched == nil {
		l.touched = map[*python.FunctionDef][]string{}
	}
	l.touched[d] = t
	l.mu.Unlock()
	return t
}

func globalsTouched(d *python.FunctionDef) []string {
	local := map[string]bool{}
	for _, group := range [][]*python.Arg{d.Args.Posonlyargs, d.Args.Args, d.Args.Kwonlyargs} {
		for _, a := range group {
			local[a.Arg] = true
		}
	}
	var out []string
	python.EachStmt(d.Body, func(st python.Stmt) {
		switch st := st.(type) {
		case *python.Global:
			out = append(out, st.Names...)
		case *python.Assign:
			for _, t := range st.Targets {
				if n, ok := t.(*python.Name); ok {
					local[n.ID] = true
				}
			}
		}
	})
	python.EachStmt(d.Body, func(st python.Stmt) {
		var targets []python.Expr
		switch st := st.(type) {
		case *python.Assign:
			targets = st.Targets
		case *python.AugAssign:
			targets = []python.Expr{st.Target}
		case *python.ExprStmt:
			if c, ok := st.Value.(*python.Call); ok {
				if a, ok := c.Func.(*python.Attribute); ok && mutators[a.Attr] {
					targets = []python.Expr{a}
				}
			}
		}
		for _, t := range targets {
			if _, isName := t.(*python.Name); isName {
				continue
			}
			if root := rootName(t); root != "" && !local[root] {
				out = append(out, root)
			}
		}
	})
	return out
}

// joinPaths joins path segments as os.path.join and pathlib.Path do: an
// absolute segment discards the ones before it. bad is the first segment
// that is not a known string.
// joinPaths joins path parts as os.path.join and pathlib do: an absolute
// part starts the path over.
func joinPaths(vs []*Value) (p string, bad *Value) {
	for _, v := range vs {
		if !v.IsString() {
			return "", v
		}
		if strings.HasPrefix(v.S, "/") {
			p = v.S
		} else {
			p = path.Join(p, v.S)
		}
	}
	return p, nil
}
