package settings

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// JWTVerificationDisabled finds djangorestframework-jwt (and drf-jwt)
// told not to verify the signature of the tokens it accepts.
var JWTVerificationDisabled = &analysis.Rule{
	ID: "DJS306", Name: "jwt-verification-disabled",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{347, 287}, Checklist: []int{5},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "JWT signatures are not verified",
		What: "Reports JWT_AUTH[\"JWT_VERIFY\"] set to False, which djangorestframework-jwt and drf-jwt pass to the token " +
			"decoder: the tokens JSONWebTokenAuthentication accepts are then read without checking who signed them. The finding " +
			"is critical when REST_FRAMEWORK's DEFAULT_AUTHENTICATION_CLASSES name JSONWebTokenAuthentication, since every API " +
			"view then takes such a token.",
		Why: "A token whose signature is not checked is one anyone can write: a client puts any user's id, a superuser's " +
			"included, in the payload of a token it makes itself, and the API logs it in as that user.",
		Bad:  "JWT_AUTH = {\"JWT_VERIFY\": False, \"JWT_ALGORITHM\": \"RS256\"}",
		Good: "JWT_AUTH = {\"JWT_VERIFY\": True, \"JWT_ALGORITHM\": \"RS256\", \"JWT_PUBLIC_KEY\": load_public_key()}",
		Fix: "Remove JWT_VERIFY (its default is True) and give the decoder the key it needs: JWT_SECRET_KEY for HS256, " +
			"JWT_PUBLIC_KEY for RS256. djangorestframework-jwt is unmaintained: djangorestframework-simplejwt always verifies.",
		References: []string{"https://jpadilla.github.io/django-rest-framework-jwt/#additional-settings",
			"https://cwe.mitre.org/data/definitions/347.html"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			var at st.Origin // the False itself, when it was written out
			c, ok := st.Check(e.Value("JWT_AUTH"), func(v *st.Value) bool {
				verify := v.Get("JWT_VERIFY")
				if verify != nil && verify.Truth() == 0 {
					at = verify.Origin
					return true
				}
				return false
			})
			if !ok {
				return
			}
			d := pendingAt(c, "JWT_AUTH[\"JWT_VERIFY\"] is False"+c.When()+": the tokens the API accepts are not checked against their signature, so anyone can make one for any user")
			if at.Path != "" && at.Line > 0 {
				d.Location = st.Loc(at)
			}
			if jwtDefault(e) {
				d.Message += "; REST_FRAMEWORK authenticates every API view with JSONWebTokenAuthentication"
				d.Severity = report.Critical
			}
			r.add(d)
		})
	},
}

// jwtDefault reports REST_FRAMEWORK settings whose default authentication
// classes include djangorestframework-jwt's.
func jwtDefault(e *st.Entry) bool {
	_, ok := st.Check(e.Value("REST_FRAMEWORK"), func(v *st.Value) bool {
		classes, _ := v.Get("DEFAULT_AUTHENTICATION_CLASSES").Strings()
		for _, c := range classes {
			if strings.HasSuffix(c, "JSONWebTokenAuthentication") {
				return true
			}
		}
		return false
	})
	return ok
}
