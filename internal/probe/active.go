package probe

import (
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/djsec/djsec/internal/lazyre"
)

// maxLoginAttempts bounds the brute-force check: enough for any sane
// limiter to have reacted, few enough to be polite.
const maxLoginAttempts = 20

var (
	csrfInputRe = lazyre.New(`name=["']csrfmiddlewaretoken["']\s+value=["']([^"']+)["']|value=["']([^"']+)["']\s+name=["']csrfmiddlewaretoken["']`)
	lockedRe    = lazyre.New(`(?i)too many|locked|lockout|try again later|rate limit|captcha`)
	loginFailRe = lazyre.New(`(?i)correct username and password|errornote|invalid (username|login|credentials)|please enter a correct`)
)

// protectedAnswer recognizes a limiter's answer.
func protectedAnswer(r *Response) bool {
	if r.Status == http.StatusTooManyRequests || r.Status == http.StatusServiceUnavailable {
		return true
	}
	if r.Status == 403 && !strings.Contains(string(r.Body), "CSRF") {
		return true
	}
	return lockedRe().Match(r.Body) && !loginFailRe().Match(r.Body)
}

// slowedDown: the last three answers took three times the median of the
// first five, and at least half a second more.
func slowedDown(ts []time.Duration) bool {
	if len(ts) < 8 {
		return false
	}
	first := append([]time.Duration(nil), ts[:5]...)
	sort.Slice(first, func(i, j int) bool { return first[i] < first[j] })
	med := first[2]
	for _, t := range ts[len(ts)-3:] {
		if t < 3*med || t < med+500*time.Millisecond {
			return false
		}
	}
	return true
}

// csrfOf returns the form's CSRF token and the Cookie header to send with it.
func csrfOf(r *Response) (token, cookie string) {
	if m := csrfInputRe().FindSubmatch(r.Body); m != nil {
		token = string(m[1]) + string(m[2])
	}
	var parts []string
	for _, c := range (&http.Response{Header: r.Header}).Cookies() {
		parts = append(parts, c.Name+"="+c.Value)
	}
	return token, strings.Join(parts, "; ")
}
