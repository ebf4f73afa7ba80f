package secrets

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// VCSToken reports GitHub and GitLab access tokens.
var VCSToken = &analysis.Rule{
	ID:         "DJK102",
	Supersedes: []string{"DJC209", "DJS405"}, // names the service, where DJC209 and DJS405 only say "credential" or "literal"
	Name:       "vcs-token",
	Severity:   report.High,
	Confidence: report.HighConfidence,
	CWE:        []int{798},
	Checklist:  []int{1, 4, 17},
	Doc: analysis.Doc{
		Title: "GitHub, GitLab, PyPI or npm token in a file",
		What: "GitHub personal access tokens (ghp_…, github_pat_…), OAuth, app and refresh tokens (gho_, ghu_, ghs_, " +
			"ghr_), GitLab personal, deploy, runner and trigger tokens (glpat-, gldt-, glrt-, GR1348941…, glptt-), " +
			"and the package-registry tokens of PyPI (pypi-AgEIcHlwaS5vcmc…, in .pypirc) and npm (npm_…, in .npmrc), " +
			"in any text file. Tokens of the right shape but made of one repeated character, a run like 123456 or " +
			"words such as xxxx or your-token are placeholders and are not reported." + devFileWhat,
		Why: "A source-control token reads, and often writes, the organisation's repositories: the code, the CI " +
			"secrets, the release pipeline; a registry token publishes packages in the owner's name. One leaked " +
			"token is enough to plant a backdoor in the next deployment or in everyone's next install.",
		Bad:  "GITHUB_TOKEN=ghp_EXAMPLEtoken0a1b2c3d4e5f6g7h8i9j0kLm",
		Good: "# GITHUB_TOKEN is set by the CI runner\nGITHUB_TOKEN=",
		Fix:  "Revoke the token in the provider's settings, then give CI and deployments short-lived tokens from their own secret store.",
		References: []string{
			"https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation",
			"https://docs.gitlab.com/ee/security/tokens/",
			"https://cwe.mitre.org/data/definitions/798.html",
		},
	},
	Scope: analysis.PerFile,
	Files: project.Text,
	Run:   runFamily,
}

var vcsDetectors = []*Detector{
	{
		ID: "github-pat", Description: "GitHub personal access token",
		Regex:    `(?P<secret>ghp_[0-9A-Za-z]{36})\b`,
		Keywords: []string{"ghp_"},
		Entropy:  3.0,
	},
	{
		ID: "github-fine-grained-pat", Description: "GitHub fine-grained personal access token",
		Regex:    `(?P<secret>github_pat_[0-9A-Za-z_]{82})\b`,
		Keywords: []string{"github_pat_"},
		Entropy:  3.0,
	},
	{
		ID: "github-app-token", Description: "GitHub OAuth or app token",
		Regex:    `(?P<secret>gh[ousr]_[0-9A-Za-z]{36})\b`,
		Keywords: []string{"gho_", "ghu_", "ghs_", "ghr_"},
		Entropy:  3.0,
	},
	{
		ID: "gitlab-token", Description: "GitLab access token",
		Regex:    `(?P<secret>(?:glpat|gldt|glrt|glcbt|glft|glsoat)-[0-9A-Za-z_-]{20,})(?:[^0-9A-Za-z_-]|$)`,
		Keywords: []string{"glpat-", "gldt-", "glrt-", "glcbt-", "glft-", "glsoat-"},
		Entropy:  3.0,
	},
	{
		ID: "gitlab-runner-registration-token", Description: "GitLab runner registration token",
		Regex:    `(?P<secret>GR1348941[0-9A-Za-z_-]{20})(?:[^0-9A-Za-z_-]|$)`,
		Keywords: []string{"gr1348941"},
		Entropy:  3.0,
	},
	{
		ID: "pypi-token", Description: "PyPI API token",
		Regex:    `(?P<secret>pypi-AgEIcHlwaS5vcmc[0-9A-Za-z_-]{50,})`,
		Keywords: []string{"pypi-ageichlwas5vcmc"},
		Entropy:  3.0,
	},
	{
		ID: "npm-token", Description: "npm access token",
		Regex:    `(?P<secret>npm_[0-9A-Za-z]{36})\b`,
		Keywords: []string{"npm_"},
		Entropy:  3.0,
	},
	{
		ID: "gitlab-trigger-token", Description: "GitLab pipeline trigger token",
		Regex:    `(?P<secret>glptt-[0-9a-f]{40})\b`,
		Keywords: []string{"glptt-"},
		Entropy:  3.0,
	},
}
