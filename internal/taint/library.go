package taint

// Library is what the Python standard library and Django's helpers do with
// the data they are given, whatever the sink: calls whose result carries no
// attacker text (int(), reverse(), render()) and calls whose result carries
// their arguments' text (str(), os.path.join(), base64 decoding). Sinks,
// and sanitizers for one kind of sink, belong to the rules.
var Library = &Spec{
	Kind: All,
	Sanitizers: []Sanitizer{
		{Func: "int"}, {Func: "float"}, {Func: "bool"}, {Func: "len"}, {Func: "hash"}, {Func: "id"},
		{Func: "isinstance"}, {Func: "hasattr"}, {Func: "callable"}, {Func: "abs"}, {Func: "round"},
		{Func: "uuid.UUID"}, {Func: "UUID"}, {Func: "decimal.Decimal"}, {Func: "Decimal"},
		{Func: "django.urls.reverse"}, {Func: "django.urls.reverse_lazy"},
		{Func: "django.shortcuts.get_object_or_404"}, {Func: "django.shortcuts.get_list_or_404"},
		{Func: "django.shortcuts.render"}, {Func: "django.template.loader.render_to_string"},
		{Func: "django.http.JsonResponse"},
	},
	Propagators: []string{
		"str", "bytes", "list", "tuple", "dict", "set", "sorted", "reversed", "zip", "enumerate", "min", "max", "format",
		"os.path.join", "os.path.abspath", "os.path.normpath", "os.path.realpath", "os.path.expanduser", "os.fspath",
		"posixpath.join", "pathlib.Path",
		"urllib.parse.urljoin", "urllib.parse.unquote", "urllib.parse.unquote_plus", "urllib.parse.quote",
		"urllib.parse.urlencode", "django.utils.http.urlencode",
		"base64.b64decode", "base64.urlsafe_b64decode", "base64.standard_b64decode", "base64.decodebytes",
		"base64.b32decode", "base64.b16decode", "base64.b85decode", "base64.a85decode",
		"binascii.a2b_base64", "binascii.unhexlify", "binascii.a2b_hex", "codecs.decode", "bytes.fromhex",
		"zlib.decompress", "gzip.decompress", "json.loads",
		"str.replace", "str.format", "str.join", "str.strip", "str.lower", "str.upper", "bytes.decode",
		"io.BytesIO", "io.StringIO", "textwrap.dedent",
		"django.utils.encoding.force_str", "django.utils.encoding.smart_str", "django.utils.encoding.force_bytes",
	},
	Passes: []Pass{
		// the pattern only decides where; the text comes from repl and string
		{Func: "re.sub", Args: []Arg{A(1, "repl"), A(2, "string")}},
		{Func: "re.subn", Args: []Arg{A(1, "repl"), A(2, "string")}},
		// resolve_url returns a URL given to it as it is
		{Func: "django.shortcuts.resolve_url", Args: []Arg{A(0, "to")}},
	},
	Relays: []Relay{
		{Method: "run_in_executor", Fn: 1},
		{Func: "asyncio.to_thread", Fn: 0},
		{Method: "submit", Fn: 0},
	},
}
