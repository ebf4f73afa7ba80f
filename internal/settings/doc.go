// Package settings evaluates a Django project's settings the way production
// would load them, without running anything.
//
// # Values
//
// A Value is what djsec knows of a Python expression: a constant (str, int,
// float, bool, None, list, tuple, set, dict, Path), an Env value that depends
// on environment variables (its Default is what it is when they are unset; a
// nil Default means Django would not start), a MayBe of several alternatives
// (an if on data djsec cannot see), or Unknown with the reason why. Every value
// carries the file, line and column that set it, and whether it is written out
// in the source (Literal). Unknown stays unknown: no operation guesses.
//
// Operations look through Env and MayBe values (lift): the value of
// `os.environ.get("DJANGO_DEBUG", "True") == "True"` is an Env value on
// DJANGO_DEBUG whose default is True. The same holds for django-environ
// (`env("K", default=...)`, env.bool, env.list, env.db, the Env(K=(cast,
// default)) scheme), python-decouple (`config("K", default=..., cast=bool)`,
// Csv), dj-database-url, django-configurations and os.getenv /
// os.environ[...]. Values the user gave with --env or --env-file replace the
// lookups with constants. A .env or settings.ini file in the tree is what
// python-decouple (the nearest one) and read_env / load_dotenv read: its
// values become the defaults, and findings point at its lines.
//
// # Modules
//
// An evaluator runs a module's top-level statements: assignments (with
// unpacking, subscripts and +=), list and dict methods that mutate (append,
// extend, insert, remove, update, setdefault, pop), imports of project
// modules (relative and absolute, star imports honouring __all__),
// django-split-settings' include(), if/else, try/except, with, and calls of
// functions defined in the settings or the project's helpers, which are
// inlined (a return on one branch merges like an if; a function that changes
// module-level names makes them unknown). Loops are not run: the names they
// set become Unknown, and a function whose loop may return gives Unknown,
// unless the loop reads the environment: then it is a lookup of the
// variable its first argument names, whose default is what it returns
// after the loop (get_env("DB_PASSWORD", "postgres")). Anything that hands the namespace to code djsec does
// not run (locals(), globals(), exec, vars().update(config)) makes the
// namespace opaque, and a star import of such a module makes the values
// set before it unknown, but for the settings that name the site's code
// (INSTALLED_APPS, MIDDLEWARE, ...), which a configuration file does not
// hold; except a
// helper whose effect is known: django_heroku.settings(locals()) makes only
// the settings it sets unknown; and exec of code read from a file
// (exec(compile(open(local).read(), local, "exec"), globals())), a local
// override the server may have, which djsec takes to be absent, as it does
// an optional from .local_settings import * (with a note saying so).
//
// An if whose test is known runs one branch. An if on an environment lookup
// whose default is known runs both and merges them into Env values: what
// holds when the variables are unset is the branch taken then. Any other if
// runs both into MayBe values. A test of the command line for a management
// command that serves nothing ("test" in sys.argv, sys.argv[1] ==
// "collectstatic") is False: the audit is of the server process. A branch
// that raises is dropped. Branches
// write to overlays of the namespace, so a branch costs what it changes.
//
// try/except (and with contextlib.suppress(ImportError)) models the two
// exceptions settings catch on purpose: an
// ImportError from a module of the project that is not there (an optional
// local.py; files the scan leaves out, such as gitignored ones, count as not
// there) and a KeyError or ImproperlyConfigured from a required variable (the
// handler's values become the Env default). A star import from outside the
// project makes every value set before it Unknown (the modules and functions
// imported before it stay: os is os whoever exports it) and every absent
// name unknown (Namespace.Opaque), and becomes a note: the rest is still
// proven.
//
// # Bounds
//
// Settings are written by whoever writes the repository, so what the
// evaluator builds is capped (limits.go): a string of more than 1 MB, a
// container of more than 131072 items, an integer of more than 16384 bits,
// a dict display of more than 4096 keys become Unknown with the reason, and
// operations that multiply sizes (str * n, str.replace, str.join, format,
// f-strings, **) check before they build. A budget bounds the total size of
// the values one scan builds (A = A + [x] repeated a hundred thousand
// times); once spent, evaluation goes on with Unknown values and a note.
//
// A module of the project that an entry imports but that cannot be read or
// parsed is lost: what it sets is unknown. The entry says so (Entry.Lost),
// a note names the module and the reason, and Entry.Track lets the rules'
// driver say which rules could not decide for want of it, so that a broken
// base.py never passes for an audited production configuration.
//
// # Entry modules
//
// Load finds the modules Django loads: the --settings module, or the
// DJANGO_SETTINGS_MODULE values of manage.py, wsgi.py, asgi.py, celery.py,
// Dockerfiles, compose files, Procfile, app.yaml, uwsgi.ini and environment files
// (.env, docker_production.env.example), plus settings modules (settings.py, settings/*.py,
// *_settings.py) that no other settings module imports. A module that
// DJANGO_SETTINGS_MODULE names and the tree does not hold is read from its
// template beside it (app/settings.py.sample, .example, .dist, .template,
// .tmpl, .default), which an install step or a Dockerfile copies into
// place. The modules of an
// app that is merely named settings (a folder with apps.py, models.py or
// migrations) are not among them. Modules for development and tests are
// marked Dev, and rules leave them alone: a word of the module's last part
// (local, dev, test, ci, compose, ...) or a whole package name (tests.settings,
// ci.settings) says so, and so do a docstring ("Settings for running the test
// suite", "never use these in production"), a star import of development
// settings (from .dev import *), settings classes all named for development
// (WebDevSettings), a folder below the root whose README says what it holds
// is not for production (a reusable app's demo project or sandbox: "NOT
// production ready", "intended for local development and QA"), and being
// named only in pytest.ini, setup.cfg, tox.ini or pyproject.toml. Settings written as class attributes that the project's own
// loader installs cannot be evaluated: such a module gets one note and no
// entry, rather than an empty namespace that every rule would judge. When a
// Django tree has no production settings module, a note says so once. Each
// module is evaluated once per scan (Project.Memo) and shared by every rule.
//
// With django-configurations, settings are attributes of classes deriving
// from configurations.Configuration; values.BooleanValue(True) and friends
// are lookups of DJANGO_<NAME> with that default. Each configuration class
// that no other derives from, and each class DJANGO_CONFIGURATION names, is an
// entry of its own ("shop.settings.Prod"); Dev, Local, Test and
// ContinuousIntegration classes, and the classes deriving from one, are Dev.
// A class whose body sets nothing (Staging(Production) with a docstring)
// stands for its base, which is then the entry, once for all such names. A
// setting written as a method (def MIDDLEWARE(self): ...), which the
// library calls for its value, is Unknown: what it returns is not worked out.
//
// A production module that nothing imports and that sets none of
// ROOT_URLCONF, INSTALLED_APPS and MIDDLEWARE, beside one that does, is a
// fragment another module reads (a DATABASES file a script copies into
// place): Entry.Fragment, whose settings are audited but whose missing
// ones are not reported.
//
// Rules ask an Entry for a setting's Value (nil when it is certainly not set)
// and decide with Check, Resolve and Holds, which return a Case: a known
// value and the environment variables that must be unset for it to hold
// (Holds proves a property of the value, which may differ across branches).
package settings
