package secrets

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// CloudProviderKey reports AWS, Google Cloud and Azure credentials.
var CloudProviderKey = &analysis.Rule{
	ID:         "DJK101",
	Supersedes: []string{"DJC209", "DJS405"}, // names the service, where DJC209 and DJS405 only say "credential" or "literal"
	Name:       "cloud-provider-key",
	Severity:   report.Critical,
	Confidence: report.HighConfidence,
	CWE:        []int{798},
	Checklist:  []int{1, 4, 17},
	Doc: analysis.Doc{
		Title: "Cloud provider credential in a file",
		What: "AWS access key IDs (AKIA…, ASIA…) and secret access keys, Google API keys (AIza…) and OAuth client " +
			"secrets (GOCSPX-…), and Azure storage account keys, in any text file: Python, .env, YAML, JSON, TOML, INI, " +
			"shell, JavaScript, Dockerfiles, notebooks. AWS's documentation keys (AKIAIOSFODNN7EXAMPLE), the key of Azure's Azurite emulator (Eby8vdM02x…, the same in every installation) and placeholders " +
			"are left alone; keys in tests and documentation are reported with low confidence. Google API keys are " +
			"reported as medium: browser keys are meant to be public but must be restricted. An AWS access key ID with no " +
			"secret access key in its file is medium (the ID alone signs nothing, but names the account and half of a " +
			"credential), and one in the credential scope of a signed request (X-Amz-Credential=AKIA…/20240105/eu-west-1/s3/aws4_request, " +
			"which every presigned URL carries) is low." + devFileWhat,
		Why: "A cloud key opens the account it belongs to: storage buckets, databases, the ability to start " +
			"machines on the owner's bill. Keys pushed to a repository are harvested by bots within minutes.",
		Bad: "# AWS's documentation keys stand in for real ones here\n" +
			"AWS_ACCESS_KEY_ID = \"AKIAIOSFODNN7EXAMPLE\"\nAWS_SECRET_ACCESS_KEY = \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"",
		Good: "AWS_ACCESS_KEY_ID = os.environ[\"AWS_ACCESS_KEY_ID\"]\nAWS_SECRET_ACCESS_KEY = os.environ[\"AWS_SECRET_ACCESS_KEY\"]",
		Fix: "Deactivate the key in the provider's console first (it is in the history), then load credentials from the " +
			"environment, an instance role or a secrets manager, never from the repository.",
		References: []string{
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html",
			"https://cloud.google.com/docs/authentication/api-keys",
			"https://cwe.mitre.org/data/definitions/798.html",
		},
	},
	Scope: analysis.PerFile,
	Files: project.Text,
	Run:   runFamily,
}

var cloudDetectors = []*Detector{
	{
		ID: "aws-access-key-id", Description: "AWS access key ID",
		Regex:    `(?P<secret>(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})\b`,
		Keywords: []string{"akia", "asia", "abia", "acca", "a3t"},
		Entropy:  3.0,
		Allow:    []string{`EXAMPLE$`},
		Check:    awsKeyID,
	},
	{
		ID: "aws-secret-access-key", Description: "AWS secret access key",
		AtKey:  true,
		Assign: true,
		Regex: `(?i)(?P<key>\b[\w.-]*aws[\w.-]*?secret[\w.-]*|\bsecret[_-]?access[_-]?key)["']?\]?\s*(?:=>|:=|[:=])\s*` +
			`(?:"(?P<secret>[A-Za-z0-9/+]{40})"|'(?P<secret>[A-Za-z0-9/+]{40})'|(?P<bare>[A-Za-z0-9/+]{40}))(?:[^A-Za-z0-9/+=]|$)`,
		Keywords: []string{"aws", "secret_access_key", "secretaccesskey", "secret-access-key"},
		Entropy:  4.0,
		Quoted:   true,
		Allow:    []string{`EXAMPLEKEY$`},
	},
	{
		ID: "google-api-key", Description: "Google API key",
		Regex:    `(?P<secret>AIza[0-9A-Za-z_-]{35})(?:[^0-9A-Za-z_-]|$)`,
		Keywords: []string{"aiza"},
		Entropy:  3.0,
		Severity: report.Medium,
		Check: func(m *match) bool {
			m.note = "; if it is a browser key, restrict it to your domains and APIs"
			return true
		},
	},
	{
		ID: "google-oauth-client-secret", Description: "Google OAuth client secret",
		Regex:    `(?P<secret>GOCSPX-[0-9A-Za-z_-]{28})(?:[^0-9A-Za-z_-]|$)`,
		Keywords: []string{"gocspx-"},
		Entropy:  3.0,
	},
	{
		ID: "azure-storage-account-key", Description: "Azure storage account key",
		Regex:    `(?i)AccountKey=(?P<secret>[A-Za-z0-9+/]{86}==)`,
		Keywords: []string{"accountkey="},
		Entropy:  4.0,
	},
}

// awsKeyID weighs an AWS access key ID by what stands with it. The ID
// alone signs nothing: with no secret access key in the file it is medium,
// and in the credential scope of a signed request (AKIA…/20240101/
// eu-west-1/s3/aws4_request, which every presigned URL carries) it is low.
func awsKeyID(m *match) bool {
	g := m.det.re.SubexpIndex("secret")
	if credentialScope().MatchString(m.line[m.loc[2*g+1]:]) {
		m.severity = report.Low
		m.claim = "it is the credential scope of a signed request (a presigned URL or POST), which carries the key ID, never the secret"
		return true
	}
	if !awsSecretNearby().Match(m.data) {
		m.severity = report.Medium
		m.claim = "the ID alone signs nothing, but it names the account and half of a credential"
		m.note = "; find the secret access key that goes with it (the history, an environment file) and deactivate the pair"
	}
	return true
}

var (
	credentialScope = lazyre.New(`^(?:/|%2[Ff])[0-9]{8}(?:/|%2[Ff])[a-z0-9-]+(?:/|%2[Ff])[a-z0-9-]+(?:/|%2[Ff])aws4_request`)
	// awsSecretNearby finds what the aws-secret-access-key detector
	// reports, loosely: 40 characters of base64 after a name that says
	// secret.
	awsSecretNearby = lazyre.New(`(?i)secret[\w.-]*["']?\]?\s*(?:=>|:=|[:=])\s*["']?[A-Za-z0-9/+]{40}(?:[^A-Za-z0-9/+=]|$)`)
)
