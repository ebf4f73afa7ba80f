package settings

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// CeleryPickleAccepted finds Celery workers that unpickle task messages.
var CeleryPickleAccepted = &analysis.Rule{
	ID: "DJS509", Name: "celery-pickle-accepted",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{502}, Checklist: []int{4, 17},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Celery workers accept pickled messages",
		What: "Reports CELERY_ACCEPT_CONTENT (and CELERY_TASK_SERIALIZER, CELERY_RESULT_SERIALIZER) naming pickle " +
			"(\"pickle\", \"application/x-python-serialize\"). Celery's signed pickle (\"application/x-signed-pickle\", " +
			"auth serializer with a key and certificate) is left alone. Low severity: only whoever can write to the broker " +
			"(Redis, RabbitMQ) gets in, and DJI201 reports brokers published to every interface.",
		Why: "A worker that accepts pickle runs whatever a message tells it to unpickle: anyone who can put a message on " +
			"the broker (a Redis without a password on a shared network, a leaked broker URL) runs code on every worker, with " +
			"the application's secrets and database at hand.",
		Bad:        "CELERY_ACCEPT_CONTENT = [\"json\", \"pickle\"]\nCELERY_TASK_SERIALIZER = \"pickle\"",
		Good:       "CELERY_ACCEPT_CONTENT = [\"json\"]\nCELERY_TASK_SERIALIZER = \"json\"",
		Fix:        "Pass JSON-serializable arguments (ids rather than objects) and accept json only; if pickle is needed, use Celery's message signing (the auth serializer).",
		References: []string{"https://docs.celeryq.dev/en/stable/userguide/security.html#serializers"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			for _, name := range []string{"CELERY_ACCEPT_CONTENT", "CELERY_TASK_SERIALIZER", "CELERY_RESULT_SERIALIZER"} {
				v := e.Value(name)
				if v == nil {
					continue
				}
				c, ok := st.Check(v, func(v *st.Value) bool {
					if v.IsString() {
						return pickleContent(v.S)
					}
					ss, _, _ := strList(v)
					for _, s := range ss {
						if pickleContent(s) {
							return true
						}
					}
					return false
				})
				if ok {
					r.add(pendingAt(c, name+" names pickle"+c.When()+": a worker unpickles what the broker hands it, so whoever can write to the broker runs code on the workers"))
					return
				}
			}
		})
	},
}

// pickleContent reports a Celery content type or serializer name that is
// plain pickle.
func pickleContent(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return s == "pickle" || s == "application/x-python-serialize"
}
