package secrets

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// ServiceAPIKey reports keys of payment, messaging and e-mail services.
var ServiceAPIKey = &analysis.Rule{
	ID:         "DJK103",
	Supersedes: []string{"DJC209"}, // names the service, where DJC209 only says "credential"
	Name:       "service-api-key",
	Severity:   report.High,
	Confidence: report.HighConfidence,
	CWE:        []int{798},
	Checklist:  []int{4, 17},
	Doc: analysis.Doc{
		Title: "Payment, messaging or e-mail service key in a file",
		What: "Stripe secret and restricted keys (sk_live_…, rk_live_…; test-mode keys as low), Slack bot, user and " +
			"app tokens and incoming-webhook URLs, Twilio API key SIDs and auth tokens, SendGrid API keys (SG.…) and " +
			"Mailgun API and webhook signing keys, in any text file. Stripe publishable keys (pk_…) are public by " +
			"design and are not reported; neither are placeholders such as sk_live_xxxx or hooks.slack.com/services/T000/B000/XXXX." + devFileWhat,
		Why: "These keys move money, send messages in the company's name and read customer data: a leaked Stripe key " +
			"can refund or pay out, a leaked SendGrid or Mailgun key sends phishing from the real domain.",
		Bad:  "STRIPE_SECRET_KEY = \"sk_live_EXAMPLE4eC39HqLyjWDarjtT1zd\"",
		Good: "STRIPE_SECRET_KEY = env(\"STRIPE_SECRET_KEY\")",
		Fix:  "Roll the key in the service's dashboard, then read it from the environment or a secrets manager.",
		References: []string{
			"https://docs.stripe.com/keys",
			"https://api.slack.com/authentication/best-practices",
			"https://cwe.mitre.org/data/definitions/798.html",
		},
	},
	Scope: analysis.PerFile,
	Files: project.Text,
	Run:   runFamily,
}

var serviceDetectors = []*Detector{
	{
		ID: "stripe-secret-key", Description: "Stripe secret key",
		Regex:    `(?P<secret>(?:sk|rk)_(?:live|test|prod)_[0-9A-Za-z]{10,99})\b`,
		Keywords: []string{"sk_live_", "sk_test_", "sk_prod_", "rk_live_", "rk_test_", "rk_prod_"},
		Entropy:  3.0,
		Check: func(m *match) bool {
			if strings.Contains(m.secret[:8], "test") {
				m.severity = report.Low
				m.note = "; it is a test-mode key, which reads and writes the account's test data"
			}
			return true
		},
	},
	{
		ID: "slack-token", Description: "Slack token",
		Regex:    `(?P<secret>xox[abposre]-[0-9]{6,13}-[0-9A-Za-z-]{8,})`,
		Keywords: []string{"xoxb-", "xoxp-", "xoxa-", "xoxo-", "xoxs-", "xoxr-", "xoxe-"},
		Entropy:  3.0,
	},
	{
		ID: "slack-app-token", Description: "Slack app-level token",
		Regex:    `(?P<secret>xapp-[0-9]-[A-Z0-9]+-[0-9]+-[a-z0-9]+)\b`,
		Keywords: []string{"xapp-"},
		Entropy:  3.0,
	},
	{
		ID: "slack-webhook-url", Description: "Slack incoming-webhook URL",
		Regex:    `hooks\.slack\.com/(?:services|workflows|triggers)/(?P<secret>[A-Za-z0-9+/]{40,60})`,
		Keywords: []string{"hooks.slack.com"},
		Entropy:  3.0,
	},
	{
		ID: "twilio-api-key-sid", Description: "Twilio API key SID",
		Regex:    `(?P<secret>SK[0-9a-fA-F]{32})\b`,
		Keywords: []string{"twilio"},
		Entropy:  3.0,
	},
	{
		ID: "twilio-auth-token", Description: "Twilio auth token",
		AtKey:  true,
		Assign: true,
		Regex: `(?i)(?P<key>\b\w*twilio\w*(?:auth|token|secret)\w*)["']?\]?\s*(?:=>|:=|[:=])\s*` +
			`(?:"(?P<secret>[0-9a-f]{32})"|'(?P<secret>[0-9a-f]{32})'|(?P<bare>[0-9a-f]{32})\b)`,
		Keywords: []string{"twilio"},
		Entropy:  3.0,
		Quoted:   true,
	},
	{
		ID: "twilio-client-credentials", Description: "Twilio auth token",
		Regex:    `Client\(\s*["']AC[0-9a-f]{32}["']\s*,\s*["'](?P<secret>[0-9a-f]{32})["']`,
		Keywords: []string{"client("},
		Entropy:  3.0,
	},
	{
		ID: "sendgrid-api-key", Description: "SendGrid API key",
		Regex:    `(?P<secret>SG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43})(?:[^0-9A-Za-z_-]|$)`,
		Keywords: []string{"sg."},
		Entropy:  3.0,
	},
	{
		ID: "mailgun-api-key", Description: "Mailgun API key",
		Regex:    `(?P<secret>key-[0-9a-f]{32})\b`,
		Keywords: []string{"key-"},
		Entropy:  3.0,
	},
	{
		ID: "mailgun-signing-key", Description: "Mailgun key",
		AtKey:  true,
		Assign: true,
		Regex: `(?i)(?P<key>\b\w*mailgun\w*)["']?\]?\s*(?:=>|:=|[:=])\s*["']?` +
			`(?P<secret>[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})\b`,
		Keywords: []string{"mailgun"},
		Entropy:  3.0,
	},
}
