package deps

import (
	"fmt"
	"math"
	"strings"
)

// CVSS3BaseScore computes the base score of a CVSS v3.0 or v3.1 vector such
// as "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", following the formulas
// of the CVSS v3.1 specification, section 7.
func CVSS3BaseScore(vector string) (float64, error) {
	m, err := cvssMetrics(vector)
	if err != nil {
		return 0, err
	}
	changed := m["S"] == "C"
	w := func(metric string, table map[string]float64) (float64, error) {
		x, ok := table[m[metric]]
		if !ok {
			return 0, fmt.Errorf("cvss vector %q: bad or missing %s", vector, metric)
		}
		return x, nil
	}
	pr := map[string]float64{"N": 0.85, "L": 0.62, "H": 0.27}
	if changed {
		pr = map[string]float64{"N": 0.85, "L": 0.68, "H": 0.5}
	}
	cia := map[string]float64{"H": 0.56, "L": 0.22, "N": 0}
	var vals [7]float64
	for i, mt := range []struct {
		name  string
		table map[string]float64
	}{
		{"AV", map[string]float64{"N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2}},
		{"AC", map[string]float64{"L": 0.77, "H": 0.44}},
		{"PR", pr},
		{"UI", map[string]float64{"N": 0.85, "R": 0.62}},
		{"C", cia}, {"I", cia}, {"A", cia},
	} {
		if vals[i], err = w(mt.name, mt.table); err != nil {
			return 0, err
		}
	}
	if m["S"] != "U" && m["S"] != "C" {
		return 0, fmt.Errorf("cvss vector %q: bad or missing S", vector)
	}
	iss := 1 - (1-vals[4])*(1-vals[5])*(1-vals[6])
	impact := 6.42 * iss
	if changed {
		impact = 7.52*(iss-0.029) - 3.25*math.Pow(iss-0.02, 15)
	}
	if impact <= 0 {
		return 0, nil
	}
	exploit := 8.22 * vals[0] * vals[1] * vals[2] * vals[3]
	if changed {
		return roundUp(math.Min(1.08*(impact+exploit), 10)), nil
	}
	return roundUp(math.Min(impact+exploit, 10)), nil
}

func cvssMetrics(vector string) (map[string]string, error) {
	parts := strings.Split(vector, "/")
	if len(parts) < 2 || !strings.HasPrefix(parts[0], "CVSS:3.") {
		return nil, fmt.Errorf("cvss vector %q: not CVSS v3", vector)
	}
	m := map[string]string{}
	for _, p := range parts[1:] {
		k, v, ok := strings.Cut(p, ":")
		if !ok {
			return nil, fmt.Errorf("cvss vector %q: bad metric %q", vector, p)
		}
		m[k] = v
	}
	return m, nil
}

// roundUp is the "Roundup" of CVSS v3.1 Appendix A, which avoids floating
// point surprises by working in integers.
func roundUp(x float64) float64 {
	i := int64(math.Round(x * 100000))
	if i%10000 == 0 {
		return float64(i) / 100000
	}
	return float64(i/10000+1) / 10
}

// SeverityOf maps a CVSS score to its qualitative rating.
func SeverityOf(score float64) string {
	switch {
	case score >= 9:
		return "critical"
	case score >= 7:
		return "high"
	case score >= 4:
		return "medium"
	case score > 0:
		return "low"
	}
	return "info"
}
