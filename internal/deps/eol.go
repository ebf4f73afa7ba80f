package deps

import (
	"fmt"
	"strings"
	"time"
)

// EOLChecked is the day the release tables below were last compared with
// their sources. Support dates of future releases are the projects' plans as
// of that day.
var EOLChecked = date("2026-11-22")

// Release is a feature release line (Django 4.2, Python 3.9) and the last day
// it receives security fixes.
type Release struct {
	Major, Minor uint64
	End          time.Time
	// Before is set for a line older than its table: its support ended on
	// or before End, the earliest end the table knows.
	Before bool
}

// EndString says when support ended: "2024-04-01", or "on or before
// 2014-09-02" for a line older than the table.
func (r Release) EndString() string {
	if r.Before {
		return "on or before " + r.End.Format(time.DateOnly)
	}
	return "on " + r.End.Format(time.DateOnly)
}

// Name returns "4.2".
func (r Release) Name() string { return fmt.Sprintf("%d.%d", r.Major, r.Minor) }

// DjangoReleases lists each Django feature release with the end of its
// extended (security) support, from the "Supported versions" and
// "Unsupported previous releases" tables of
// https://www.djangoproject.com/download/ and the release roadmap there.
// Where a table gives a day, it is that day; where it gives a month only
// (future ends, and 5.0 and later), it is the last day of that month, as the
// project counts it. 6.1's end is the roadmap's plan.
var DjangoReleases = []Release{
	rel(1, 4, "2015-10-01"),
	rel(1, 5, "2014-09-02"),
	rel(1, 6, "2015-04-01"),
	rel(1, 7, "2015-12-01"),
	rel(1, 8, "2018-04-01"),
	rel(1, 9, "2017-04-04"),
	rel(1, 10, "2017-12-02"),
	rel(1, 11, "2020-04-01"),
	rel(2, 0, "2019-04-01"),
	rel(2, 1, "2019-12-02"),
	rel(2, 2, "2022-04-01"),
	rel(3, 0, "2021-04-06"),
	rel(3, 1, "2021-12-07"),
	rel(3, 2, "2024-04-01"),
	rel(4, 0, "2023-04-01"),
	rel(4, 1, "2023-12-01"),
	rel(4, 2, "2026-04-30"),
	rel(5, 0, "2025-04-30"),
	rel(5, 1, "2025-12-31"),
	rel(5, 2, "2028-04-30"),
	rel(6, 0, "2027-04-30"),
	rel(6, 1, "2027-12-31"),
}

// PythonReleases lists each CPython feature release with its end of life,
// from the "Status of Python versions" page of the Python developer's guide
// (https://devguide.python.org/versions/) and the release schedule PEPs on
// python.org. Where only a month is planned, the date is the last day of it.
// 2.7 ended on the sunset date the PSF announced (January 1, 2020), although
// its final release came out in April 2020.
var PythonReleases = []Release{
	rel(2, 6, "2013-10-29"),
	rel(2, 7, "2020-01-01"),
	rel(3, 2, "2016-02-20"),
	rel(3, 3, "2017-09-29"),
	rel(3, 4, "2019-03-18"),
	rel(3, 5, "2020-09-30"),
	rel(3, 6, "2021-12-23"),
	rel(3, 7, "2023-06-27"),
	rel(3, 8, "2024-10-07"),
	rel(3, 9, "2025-10-31"),
	rel(3, 10, "2026-10-31"),
	rel(3, 11, "2027-10-31"),
	rel(3, 12, "2028-10-31"),
	rel(3, 13, "2029-10-31"),
	rel(3, 14, "2030-10-31"),
	rel(3, 15, "2031-10-31"),
}

func rel(major, minor uint64, end string) Release {
	return Release{Major: major, Minor: minor, End: date(end)}
}

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// FindRelease returns the release line of v in table. A version older than
// every line in the table belongs to the oldest line's era and is reported
// as such (its support ended before the oldest date); a version newer than
// every line is unknown, and never reported.
func FindRelease(table []Release, v Version) (Release, bool) {
	oldest := table[0]
	for _, r := range table {
		if r.Major == v.Major() && r.Minor == v.Minor() {
			return r, true
		}
		if r.End.Before(oldest.End) {
			oldest = r
		}
	}
	first := table[0]
	if v.Major() < first.Major || (v.Major() == first.Major && v.Minor() < first.Minor) {
		return Release{Major: v.Major(), Minor: v.Minor(), End: oldest.End, Before: true}, true
	}
	return Release{}, false
}

// EndOfLife reports whether release line r is past its end of support on day
// now; support runs through the End day.
func (r Release) EndOfLife(now time.Time) bool {
	return now.After(r.End.Add(24*time.Hour - time.Nanosecond))
}

// AdmittedReleases returns the lines in table that a specifier admits: a line
// is admitted when its first or some late patch release matches. Alternatives
// joined by "||" (from Poetry) are each tried.
func AdmittedReleases(table []Release, spec string) ([]Release, error) {
	var sets []SpecifierSet
	for _, alt := range strings.Split(spec, "||") {
		set, err := ParseSpecifierSet(alt)
		if err != nil {
			return nil, err
		}
		sets = append(sets, set)
	}
	var out []Release
	for _, r := range table {
		for _, set := range sets {
			if admits(set, r) {
				out = append(out, r)
				break
			}
		}
	}
	return out, nil
}

// admits tries x.y.0, x.y.999 and every x.y version the clauses name:
// "~=3.8.5" admits 3.8 only through the second, "==3.8.10" only through the
// third. That covers the clauses people write about runtimes.
func admits(set SpecifierSet, r Release) bool {
	tries := []Version{
		{Release: []uint64{r.Major, r.Minor, 0}},
		{Release: []uint64{r.Major, r.Minor, 999}},
	}
	for _, sp := range set {
		if sp.Op != "===" && sp.v.Major() == r.Major && sp.v.Minor() == r.Minor {
			tries = append(tries, sp.v)
		}
	}
	for _, v := range tries {
		if set.Contains(v, true) {
			return true
		}
	}
	return false
}

// The base images' operating systems, by the end of their free security
// support: what the distribution's own images receive. Paid extensions
// (Ubuntu Pro, Debian's ELTS) are not in the images a Dockerfile pulls.

// NodeReleases lists each Node.js major release (Minor 0) with its end of
// life, from the Node.js Release Working Group's schedule
// (https://github.com/nodejs/release#release-schedule): an even release's
// support ends on April 30 thirty months after its release (16's was moved
// to 2023-09-11, with OpenSSL 1.1.1's), an odd one's on June 1 after about
// eight. 26's and 27's ends are the schedule's plan.
var NodeReleases = []Release{
	rel(8, 0, "2019-12-31"),
	rel(9, 0, "2018-06-30"),
	rel(10, 0, "2021-04-30"),
	rel(11, 0, "2019-06-01"),
	rel(12, 0, "2022-04-30"),
	rel(13, 0, "2020-06-01"),
	rel(14, 0, "2023-04-30"),
	rel(15, 0, "2021-06-01"),
	rel(16, 0, "2023-09-11"),
	rel(17, 0, "2022-06-01"),
	rel(18, 0, "2025-04-30"),
	rel(19, 0, "2023-06-01"),
	rel(20, 0, "2026-04-30"),
	rel(21, 0, "2024-06-01"),
	rel(22, 0, "2027-04-30"),
	rel(23, 0, "2025-06-01"),
	rel(24, 0, "2028-04-30"),
	rel(25, 0, "2026-06-01"),
	rel(26, 0, "2029-04-30"),
	rel(27, 0, "2027-06-01"),
}

// AlpineReleases lists each Alpine Linux branch with its end of support,
// from https://alpinelinux.org/releases/ (3.23's is the announced plan).
var AlpineReleases = []Release{
	rel(3, 10, "2021-05-01"),
	rel(3, 11, "2021-11-01"),
	rel(3, 12, "2022-05-01"),
	rel(3, 13, "2022-11-01"),
	rel(3, 14, "2023-05-01"),
	rel(3, 15, "2023-11-01"),
	rel(3, 16, "2024-05-23"),
	rel(3, 17, "2024-11-22"),
	rel(3, 18, "2025-05-09"),
	rel(3, 19, "2025-11-01"),
	rel(3, 20, "2026-04-01"),
	rel(3, 21, "2026-11-01"),
	rel(3, 22, "2027-05-01"),
	rel(3, 23, "2027-11-01"),
}

// DebianReleases lists each Debian release (Minor 0) with the end of its
// long-term support, from https://wiki.debian.org/LTS; trixie's is planned.
var DebianReleases = []Release{
	rel(8, 0, "2020-06-30"),
	rel(9, 0, "2022-06-30"),
	rel(10, 0, "2024-06-30"),
	rel(11, 0, "2026-08-31"),
	rel(12, 0, "2028-06-30"),
	rel(13, 0, "2030-06-30"),
}

// DebianCodenames maps the codenames image tags use to Debian releases.
var DebianCodenames = map[string]uint64{
	"jessie": 8, "stretch": 9, "buster": 10, "bullseye": 11, "bookworm": 12, "trixie": 13,
}

// UbuntuReleases lists each Ubuntu release with the end of its standard
// support, from https://ubuntu.com/about/release-cycle, which gives a
// month: the date is the last day of it. An LTS release (April of an even
// year) has five years; an interim release nine months, so an image built
// on one is out of support within a year.
var UbuntuReleases = []Release{
	rel(14, 4, "2019-04-30"),
	rel(16, 4, "2021-04-30"),
	rel(16, 10, "2017-07-31"),
	rel(17, 4, "2018-01-31"),
	rel(17, 10, "2018-07-31"),
	rel(18, 4, "2023-05-31"),
	rel(18, 10, "2019-07-31"),
	rel(19, 4, "2020-01-31"),
	rel(19, 10, "2020-07-31"),
	rel(20, 4, "2025-05-31"),
	rel(20, 10, "2021-07-31"),
	rel(21, 4, "2022-01-31"),
	rel(21, 10, "2022-07-31"),
	rel(22, 4, "2027-04-30"),
	rel(22, 10, "2023-07-31"),
	rel(23, 4, "2024-01-31"),
	rel(23, 10, "2024-07-31"),
	rel(24, 4, "2029-04-30"),
	rel(24, 10, "2025-07-31"),
	rel(25, 4, "2026-01-31"),
	rel(25, 10, "2026-07-31"),
	rel(26, 4, "2031-04-30"),
	rel(26, 10, "2027-07-31"),
}

// UbuntuCodenames maps the codenames image tags use to Ubuntu releases.
var UbuntuCodenames = map[string][2]uint64{
	"trusty": {14, 4}, "xenial": {16, 4}, "yakkety": {16, 10}, "zesty": {17, 4}, "artful": {17, 10},
	"bionic": {18, 4}, "cosmic": {18, 10}, "disco": {19, 4}, "eoan": {19, 10}, "focal": {20, 4},
	"groovy": {20, 10}, "hirsute": {21, 4}, "impish": {21, 10}, "jammy": {22, 4}, "kinetic": {22, 10},
	"lunar": {23, 4}, "mantic": {23, 10}, "noble": {24, 4}, "oracular": {24, 10}, "plucky": {25, 4},
	"questing": {25, 10}, "resolute": {26, 4},
}
