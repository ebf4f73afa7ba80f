package deps

import (
	"sort"
	"strings"
	"sync"
	"time"
)

// osvRecord is the part of the OSV schema (https://ossf.github.io/osv-schema/)
// that matching needs. The same struct decodes JSON and YAML records.
type osvRecord struct {
	ID               string         `json:"id" yaml:"id"`
	Aliases          []string       `json:"aliases" yaml:"aliases"`
	Summary          string         `json:"summary" yaml:"summary"`
	Details          string         `json:"details" yaml:"details"`
	Modified         string         `json:"modified" yaml:"modified"`
	Withdrawn        string         `json:"withdrawn" yaml:"withdrawn"`
	Severity         []osvSeverity  `json:"severity" yaml:"severity"`
	Affected         []osvAffected  `json:"affected" yaml:"affected"`
	DatabaseSpecific map[string]any `json:"database_specific" yaml:"database_specific"`
}

type osvSeverity struct {
	Type  string `json:"type" yaml:"type"`
	Score string `json:"score" yaml:"score"`
}

type osvAffected struct {
	Package struct {
		Name      string `json:"name" yaml:"name"`
		Ecosystem string `json:"ecosystem" yaml:"ecosystem"`
	} `json:"package" yaml:"package"`
	Severity         []osvSeverity  `json:"severity" yaml:"severity"`
	Ranges           []osvRange     `json:"ranges" yaml:"ranges"`
	Versions         []string       `json:"versions" yaml:"versions"`
	DatabaseSpecific map[string]any `json:"database_specific" yaml:"database_specific"`
}

type osvRange struct {
	Type   string              `json:"type" yaml:"type"`
	Events []map[string]string `json:"events" yaml:"events"`
}

// Advisory is one OSV record, reduced to what a finding needs.
type Advisory struct {
	ID       string
	Aliases  []string
	Summary  string
	Severity string  // critical, high, medium, low; "" when the record has none
	Score    float64 // CVSS v3 base score, 0 when unknown
	Modified time.Time
}

// affectedEntry is one package's affected section of an advisory. Its range
// events are parsed and sorted by version order (records need not sort them)
// on first use: a scan asks about a few dozen packages of the thousands in a
// database, and parsing every versions list would double the load time.
type affectedEntry struct {
	adv      *Advisory
	raw      osvAffected
	once     sync.Once
	ranges   [][]event
	versions []Version
}

// Event kinds, in the order used to break ties at equal versions: a version
// introduced and fixed at once is not affected.
const (
	evIntroduced = iota
	evFixed
	evLastAffected
	evLimit
)

type event struct {
	kind int
	v    Version
	raw  string
}

// parse parses the affected section. A range with an event that is not a
// PEP 440 version is dropped whole: guessing its bounds could report versions
// that are not affected; the versions list still applies.
func (e *affectedEntry) parse() {
	e.ranges, e.versions = parseAffected(e.raw)
	e.raw = osvAffected{}
}

// parsed returns the entry's ranges and versions, parsed, without keeping
// them when the entry was not parsed yet: an index is written of every
// package, and a scan needs a few. It must not run beside match.
func (e *affectedEntry) parsed() ([][]event, []Version) {
	if e.raw.Ranges == nil && e.raw.Versions == nil {
		return e.ranges, e.versions
	}
	return parseAffected(e.raw)
}

func parseAffected(a osvAffected) (ranges [][]event, versions []Version) {
	for _, r := range a.Ranges {
		if r.Type != "ECOSYSTEM" {
			continue // GIT ranges name commits, not releases
		}
		if evs, ok := parseEvents(r.Events); ok {
			ranges = append(ranges, evs)
		}
	}
	for _, s := range a.Versions {
		if v, err := ParseVersion(s); err == nil {
			versions = append(versions, v)
		}
	}
	return ranges, versions
}

func parseEvents(raw []map[string]string) ([]event, bool) {
	var evs []event
	for _, m := range raw {
		for k, s := range m {
			kind, ok := map[string]int{"introduced": evIntroduced, "fixed": evFixed, "last_affected": evLastAffected, "limit": evLimit}[k]
			if !ok {
				continue
			}
			v, err := ParseVersion(s)
			if err != nil {
				return nil, false
			}
			evs = append(evs, event{kind, v, strings.TrimSpace(s)})
		}
	}
	sort.SliceStable(evs, func(i, j int) bool {
		if c := evs[i].v.Compare(evs[j].v); c != 0 {
			return c < 0
		}
		return evs[i].kind < evs[j].kind
	})
	return evs, true
}

// match reports whether v is affected and, if so, the version that fixes it
// ("" when no fix is known).
func (e *affectedEntry) match(v Version) (bool, string) {
	e.once.Do(e.parse)
	for _, r := range e.ranges {
		if ok, fix := matchRange(r, v); ok {
			return true, fix
		}
	}
	for _, lv := range e.versions {
		if lv.Compare(v) == 0 {
			return true, e.nextFix(v)
		}
	}
	return false, ""
}

// matchRange walks the sorted events: those at or below v decide whether v is
// affected, and the first "fixed" event above it is the fix.
func matchRange(evs []event, v Version) (bool, string) {
	affected := false
	i := 0
	for ; i < len(evs); i++ {
		e := evs[i]
		c := v.Compare(e.v)
		applies := c >= 0
		if e.kind == evLastAffected {
			applies = c > 0
		}
		if !applies {
			break
		}
		affected = e.kind == evIntroduced
	}
	if !affected {
		return false, ""
	}
	for ; i < len(evs); i++ {
		switch evs[i].kind {
		case evFixed:
			return true, evs[i].raw
		case evIntroduced, evLastAffected, evLimit:
			return true, ""
		}
	}
	return true, ""
}

// nextFix is the smallest "fixed" event above v in any range, for versions
// listed explicitly.
func (e *affectedEntry) nextFix(v Version) string {
	var best *event
	for _, r := range e.ranges {
		for i := range r {
			ev := &r[i]
			if ev.kind == evFixed && ev.v.Compare(v) > 0 && (best == nil || ev.v.Compare(best.v) < 0) {
				best = ev
			}
		}
	}
	if best == nil {
		return ""
	}
	return best.raw
}

// advisoryFromRecord keeps the identity and severity of a record. Severity
// comes from a CVSS v3 vector when there is one, else from the qualitative
// rating some databases (GitHub's) put in database_specific.
func advisoryFromRecord(rec *osvRecord) *Advisory {
	adv := &Advisory{ID: rec.ID, Aliases: rec.Aliases, Summary: rec.Summary}
	if adv.Summary == "" {
		adv.Summary = firstSentence(rec.Details)
	}
	adv.Modified, _ = time.Parse(time.RFC3339Nano, rec.Modified)
	sevs := rec.Severity
	for _, a := range rec.Affected {
		sevs = append(sevs, a.Severity...)
	}
	for _, s := range sevs {
		if strings.HasPrefix(s.Type, "CVSS_V3") {
			if score, err := CVSS3BaseScore(s.Score); err == nil && score > adv.Score {
				adv.Score = score
				adv.Severity = SeverityOf(score)
			}
		}
	}
	if adv.Severity == "" {
		if s, ok := rec.DatabaseSpecific["severity"].(string); ok {
			adv.Severity = qualitative(s)
		}
	}
	return adv
}

func qualitative(s string) string {
	switch strings.ToLower(s) {
	case "critical":
		return "critical"
	case "high":
		return "high"
	case "moderate", "medium":
		return "medium"
	case "low":
		return "low"
	}
	return ""
}

func firstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if i := strings.Index(s, ". "); i > 0 {
		s = s[:i+1]
	}
	if r := []rune(s); len(r) > 200 {
		s = string(r[:197]) + "..."
	}
	return s
}
