// Package deps reads a Python project's dependencies and says which of them
// are vulnerable or past their end of support, without running pip or
// Python.
//
// # Extractors
//
// Each file format is an Extractor, in the manner of osv-scalibr: FileRequired
// chooses files by path alone and Extract turns one file into packages (name,
// exact version when the file states it, specifier as written, file and
// line), Python version statements, -r/-c includes and parse errors. A
// malformed entry never stops a file: the error carries its place and the
// rest is still read. Collect runs them over a project and follows includes.
//
//	requirements*.txt, requirements/*.txt,   Requirements
//	constraints*.txt and -r/-c targets
//	Pipfile, Pipfile.lock                    Pipfile (TOML), PipfileLock (JSON)
//	poetry.lock, uv.lock, pdm.lock,          PoetryLock, UVLock, PDMLock, PyLock (TOML)
//	pylock.toml (PEP 751)
//	pyproject.toml                           PyProject: PEP 621, PEP 735, Poetry tables
//	runtime.txt, .python-version,            RuntimeTxt, PythonVersionFile, Dockerfile
//	Dockerfile FROM python:X.Y
//
// TOML and JSON decoders give values without positions, so lines are found
// again in the text (tomllines.go, jsonKeyLines): lock files are machine
// written, one key per line, which makes this exact in practice; when a line
// cannot be found the entry keeps the line of its table, never a wrong one.
//
// # Versions
//
// Version and SpecifierSet implement PEP 440 (the "Version specifiers"
// specification) to the letter: normalization of every permitted spelling,
// epochs, pre-, post- and development releases, local versions, ~=, ===,
// prefix matching with zero padding, and the exclusive-comparison rules that
// keep "<3.1" from matching 3.1a1. Their tests are the specification's
// examples. Package names are compared in PEP 503 normalized form.
//
// # Vulnerabilities
//
// DB is an OSV database for the PyPI ecosystem, read from a directory of JSON
// or YAML records (a checkout of the PyPA advisory database) or from an OSV
// zip export, and indexed by normalized package name. Records are decoded on
// every core; each package's ranges are parsed on first use, since a scan
// asks about a few dozen of thousands. Check honours withdrawn records, sorts
// range events by version order (records need not), reads versions lists,
// merges records that alias each other into one Vulnerability, rates
// severity from CVSS v3 vectors, and computes the upgrade: the smallest
// version that fixes every vulnerability found, moved past any further fixed
// vulnerability it would itself have. A range whose bounds do not parse is
// dropped rather than guessed: precision comes first.
//
// Decoding thousands of YAML records costs about a CPU-second, so OpenDB
// goes through an index kept in the user cache (IndexDir; $DJSEC_CACHE_DIR
// moves the whole cache): package name to record positions, keyed by a
// fingerprint of the database's listing (file names, sizes and times; a
// zip's entries), with the counts and the newest time status needs. With a
// matching index only the records of the packages asked about are decoded;
// otherwise the database is decoded whole and the index rewritten. The index
// is checked field by field and ignored on any doubt: it is a file anyone
// with the user's rights may have changed.
//
// Update downloads PyPI's OSV export into CacheDir (under os.UserCacheDir)
// through a temporary file, so a failed download never replaces a good
// database, and writes its index; ReadStatus describes a database for `djsec db status`.
//
// # End of life
//
// DjangoReleases and PythonReleases embed the end of security support of
// each release line, from djangoproject.com and python.org, with EOLChecked,
// the day they were last compared with those pages.
package deps
