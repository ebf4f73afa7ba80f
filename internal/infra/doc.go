// Package infra parses the deployment files of a Django project: nginx
// configurations, docker-compose files, Dockerfiles, key-value server
// configurations (redis.conf, sshd_config, pg_hba.conf, uwsgi.ini, ...),
// Terraform and CloudFormation templates.
//
// It is a leaf: it imports no other djsec package but internal/nesting, the
// bracket-depth bound that every reader of data files checks before
// decoding. Every parser is tolerant (a file it half understands gives a partial tree and a list of errors,
// never a panic), keeps the 1-based line and column of everything it
// returns, and is bounded: nesting has a depth limit and every loop moves
// forward.
//
// The parsers know syntax, not meaning. Resolving nginx includes, deciding
// which directive wins, and what is insecure is the business of the rules
// in internal/rules/infra. Includes are resolved through a caller-supplied
// lookup, so that nothing here reads a file: the rules resolve them inside
// the scanned tree only.
package infra

// Pos is a 1-based line and column in a file.
type Pos struct {
	Line, Col int
}

// Error is a syntax problem at a position. Parsers return every error they
// met with whatever they could parse.
type Error struct {
	Pos Pos
	Msg string
}

func (e Error) Error() string { return e.Msg }

// maxDepth bounds block nesting in every parser.
const maxDepth = 100
