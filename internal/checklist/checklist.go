// Package checklist holds the twenty sections of the Django security-audit
// checklist that djsec's findings are filed under, and, for each section, the
// items that no tool can check and a person must.
//
// The sections come from the project's security seeds. A finding names the
// sections it belongs to; the report summary says, per section, how many rules
// looked at it and what is left to a person, so that djsec never claims a
// section it cannot check.
package checklist

// Section is one numbered section of the audit checklist.
type Section struct {
	Number int
	Title  string
	// Manual lists the items of the section that need a person: djsec has no
	// way to see them from the code, the configuration or the live site.
	Manual []string
}

// Sections are the twenty checklist sections, indexed by Number-1.
var Sections = []Section{
	{1, "Infrastructure security", []string{
		"operating system patch level of the servers",
		"who can log in to the servers, and how (keys, 2FA, bastion)",
	}},
	{2, "Network security", []string{
		"DNS configuration (registrar lock, DNSSEC, CAA records)",
		"network segmentation and cloud firewall rules outside the repository",
	}},
	{3, "Django configuration", nil},
	{4, "Application code", []string{
		"business-logic flaws that no pattern describes (a code review)",
	}},
	{5, "Authentication and authorization", []string{
		"review of user roles, groups and permissions granted in the database",
	}},
	{6, "Secure file handling", []string{
		"where uploaded files are stored on the servers and who can read them",
	}},
	{7, "CSRF and XSS", nil},
	{8, "Clickjacking protection", nil},
	{9, "Error handling", nil},
	{10, "Logging and monitoring", []string{
		"someone reads the logs regularly and answers the alerts",
	}},
	{11, "Dependency scanning", nil},
	{12, "Session security", nil},
	{13, "Rate limiting and throttling", nil},
	{14, "Django admin interface", []string{
		"who holds staff and superuser accounts",
	}},
	{15, "Backup and recovery", []string{
		"backups of data and configuration are taken",
		"a restore has been tested",
	}},
	{16, "Security policies", []string{
		"security policies are written down and enforced",
		"developers and operators are trained",
	}},
	{17, "Third-party services", []string{
		"review of what each third-party integration can access",
	}},
	{18, "Regular security audits", []string{
		"audits are run on a schedule (djsec in CI helps, but someone owns it)",
		"penetration testing",
	}},
	{19, "Incident response plan", []string{
		"an incident response plan is written",
		"the plan is drilled",
	}},
	{20, "Legal and compliance", []string{
		"compliance with data-protection law",
		"privacy policy is current",
	}},
}

// Valid reports whether n is a section number.
func Valid(n int) bool { return n >= 1 && n <= len(Sections) }
