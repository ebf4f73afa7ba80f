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
// moves the whole cache), never in the scanned tree: per package, the
// affected sections of its advisories already decoded, their versions
// parsed, with the counts and the newest time status needs. A scan reads
// the index's header and the entries of its own packages, and decodes no
// record (index.go, indexfile.go).
//
// The index holds only while the database is as it was read. For a zip
// export that is a sum of its central directory, which lists every entry's
// name, sizes and CRC-32. For a folder it is the stamp (type, size,
// modification time and, on Linux, change time) of every folder walked and
// every record file: a folder's times change when an entry is added,
// removed or renamed, a file's when it is written, in place or not, so a
// record edited, added, removed or replaced makes the index unused until
// it is rebuilt from the records. Stamping a folder costs a stat per folder
// and record file, no directory read: about 10 ms for the 3,300 of the PyPA
// database. Stamps cannot tell apart two writes in one tick of the file
// system's clock, so a folder written within racyWindow (two seconds) of
// being read is not indexed; the next scan indexes it. What stamps cannot
// see at all is a record rewritten with its size kept and both its times
// put back, which on Linux takes changing the system clock; elsewhere,
// where the change time is not read, putting the modification time back
// (touch -r, tar, rsync -t) is enough, as it is for make.
//
// The index is untrusted input like any file: its header and each
// package's entries carry a CRC-32C, every count and reference is checked
// while decoding, and any doubt, even once a scan has begun to read it,
// falls back to decoding the database whole and rewriting the index.
//
// Update downloads PyPI's OSV export into CacheDir (under os.UserCacheDir)
// through a temporary file, so a failed download never replaces a good
// database, and writes its index, so that the first scan after it is fast;
// ReadStatus describes a database for `djsec db status`.
//
// # End of life
//
// DjangoReleases and PythonReleases embed the end of security support of
// each release line, from djangoproject.com and python.org, with EOLChecked,
// the day they were last compared with those pages.
package deps
