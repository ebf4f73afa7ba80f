package code

import "testing"

// TestIsCredName checks that the spelled-out endings match the names
// the expression matches, and no others.
func TestIsCredName(t *testing.T) {
	names := []string{"", "password", "PASSWORD", "db_password", "Password1", "passwd", "PWD", "xpwd",
		"secret", "SECRET_KEY", "secretkey", "api_key", "APIKEY", "api-key", "authtoken", "Auth_Token",
		"refresh_token_", "bearer_token", "bot_token", "privatetoken", "private_key", "access_key",
		"client_secret", "token", "key", "secret_name", "password_field", "kelvin_\u212aey", "api_\u212aey",
		"\u017fecret", "pa\u017f\u017fword", "mot_de_passe", "é_password", "é"}
	for _, n := range names {
		if got, want := isCredName(n), credName().MatchString(n); got != want {
			t.Errorf("isCredName(%q): got %v, want %v", n, got, want)
		}
	}
}
