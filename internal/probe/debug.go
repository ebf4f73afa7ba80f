package probe

import (
	"github.com/djsec/djsec/internal/lazyre"
)

var (
	// Django's technical pages, 1.x to 5.x: the sentence both the 404 and
	// the 500 page end with, and each page's own heading.
	debugSentenceRe = lazyre.New(`seeing this error because you have <code>DEBUG = True</code>`)
	technical404Re  = lazyre.New(`Using the URLconf defined in|The current path, <code>|<title>Page not found at `)
	disallowedRe    = lazyre.New(`<title>DisallowedHost at |Invalid HTTP_HOST header`)
)

// foreignHost is the home page requested with a Host header the site
// cannot know.
func (s *Site) foreignHost() *Response {
	return s.once("foreign host", func() any {
		r, err := s.Do(Request{URL: s.base.String(), Host: s.foreignHostName()})
		if err != nil {
			return (*Response)(nil)
		}
		return r
	}).(*Response)
}

// foreignHostName is the Host header no site can know.
func (s *Site) foreignHostName() string { return "djsec-" + s.token + ".invalid" }
