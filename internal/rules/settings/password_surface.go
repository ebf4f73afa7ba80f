package settings

import (
	"bytes"
	"github.com/djsec/djsec/internal/deps"
	depsrules "github.com/djsec/djsec/internal/rules/deps"
	"path"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/project"
	st "github.com/djsec/djsec/internal/settings"
)

// passwordApps are apps through which people log in with a password, or
// set one: the admin's login page, account and token packages, CMSs with
// their own admin.
var passwordApps = []string{
	"django.contrib.admin", "allauth", "dj_rest_auth", "rest_auth", "djoser", "rest_framework.authtoken",
	"rest_framework_simplejwt", "knox", "oauth2_provider", "two_factor", "django_otp", "axes", "defender",
	"registration", "django_registration", "userena", "wagtail", "cms", "mezzanine", "oscar",
	"social_django", "graphql_jwt", "durin",
}

// passwordMarkers are what a project's code or templates show when they
// take passwords: Django's login, password and user-creation views and
// forms, their URLconf, checks and changes of a password, a token view
// that reads one, and a password input.
var passwordMarkers = []string{
	"check_password", "set_password", "LoginView", "AuthenticationForm", "PasswordChange", "SetPasswordForm",
	"UserCreationForm", "PasswordReset", "contrib.auth.urls", "auth_views", "ObtainAuthToken", "obtain_auth_token",
	"TokenObtain", "validate_password", "make_password", `type="password"`, "type='password'", "PasswordInput",
}

// mayTakePassword reports whether data holds a word that every one of
// passwordMarkers and passesPassword contains one of: most files hold none,
// and are searched once rather than for every marker.
func mayTakePassword(data []byte) bool {
	for _, w := range []string{"assword", "Login", "auth", "Auth", "TokenObtain", "UserCreation"} {
		if bytesearch.Contains(data, w) {
			return true
		}
	}
	return false
}

// passesPassword reports a keyword argument that gives a password
// (authenticate(username=u, password=p)); password=None, which makes an
// account that cannot log in with one, does not count.
func passesPassword(data []byte) bool {
	for rest := data; ; {
		i := bytesearch.Index(rest, "password=")
		if i < 0 {
			return false
		}
		rest = rest[i+len("password="):]
		if !bytes.HasPrefix(rest, []byte("None")) {
			return true
		}
	}
}

// frontEndExts are the files of a front end, whose password inputs
// show a login form as a template's do.
var frontEndExts = map[string]bool{".html": true, ".htm": true, ".jinja": true, ".jinja2": true, ".j2": true,
	".js": true, ".jsx": true, ".ts": true, ".tsx": true, ".vue": true, ".svelte": true}

// noPasswordLogin reports whether nothing in the project takes a
// password: no authentication backend checks one (noPasswordBackend), or
// no app of passwordApps is installed (or INSTALLED_APPS
// cannot be read), and no Python module or template outside tests holds
// one of passwordMarkers (nor a front-end file: a .js or .vue password
// input). Such projects log people in through another
// service (SSO, OIDC, a proxy's header), and password validators guard
// nothing there. Files are read without being kept.
func noPasswordLogin(p *project.Project, e *st.Entry) (why string, none bool) {
	if noPasswordBackend(p, e) {
		return noBackendNote, true
	}
	if noDatabase(e) {
		return noDatabaseNote, true
	}
	if model, ok := passwordlessUser(p, e); ok {
		return passwordlessNote(model), true
	}
	for _, app := range passwordApps {
		if installed(e, app) != 0 {
			return "", false
		}
	}
	return "; nothing in the project takes a password: no admin, login view or form, password input or set_password", noPasswordMarkers(p, e)
}

// signUpApps are apps that let visitors make an account with a password
// of their choice.
var signUpApps = []string{"allauth", "django_registration", "registration", "userena", "djoser", "rest_registration",
	"dj_rest_auth.registration", "rest_auth.registration", "oscar", "mezzanine.accounts"}

// signUpMarkers are what a project's code and templates hold where
// visitors sign up: Django's user-creation form, sign-up and registration
// forms, views and serializers, and their URLs.
var signUpMarkers = []string{"UserCreationForm", "RegistrationForm", "RegisterForm", "SignupForm", "SignUpForm",
	"RegisterView", "RegistrationView", "RegisterSerializer", "RegistrationSerializer", "SignupSerializer", "SignUpSerializer",
	"signup", "sign_up", "sign-up", "SignUp", "Signup", "NewUserForm",
	`"register/`, `'register/`, `^register`, `/register`, "def register("}

// publicSignUp reports whether visitors may make an account with a
// password of their own: an app of signUpApps is installed (or
// INSTALLED_APPS cannot be read), or a module or template of the Django
// project outside tests holds one of signUpMarkers. Where none does, the
// accounts are those staff or operators make.
func publicSignUp(p *project.Project, e *st.Entry) bool {
	for _, app := range signUpApps {
		if installed(e, app) != 0 {
			return true
		}
	}
	return projectHolds(p, e.File.Path, "signUp", signUpMarkers)
}

// noSignUpNote says why a rule about passwords is low where no one signs up.
const noSignUpNote = "; nothing in the project lets visitors sign up (no user-creation, sign-up or registration form, view or app), " +
	"so the accounts are those its staff or operators make"

// adminOnlyPasswords reports whether the admin's login is the only place
// that takes a password: of passwordApps only django.contrib.admin and
// social_django (which signs people in with another site's account) are
// installed, and no Python module or template outside tests holds one of
// passwordMarkers. People then sign in through another service, and the
// passwords are those of the staff accounts operators make.
func adminOnlyPasswords(p *project.Project, e *st.Entry) bool {
	if installed(e, "django.contrib.admin") != 1 {
		return false
	}
	for _, app := range passwordApps {
		if app != "django.contrib.admin" && app != "social_django" && installed(e, app) != 0 {
			return false
		}
	}
	return noPasswordMarkers(p, e)
}

// noPasswordMarkers reports whether no Python module, template or
// front-end file of the entry's Django project (djangoRoot), outside tests
// and migrations, holds one of passwordMarkers or passes a password.
// Files are read without being kept.
func noPasswordMarkers(p *project.Project, e *st.Entry) bool {
	root := djangoRoot(p, e.File.Path)
	return p.Memo("settings.noPasswordMarkers:"+root, func() any {
		var buf []byte
		for _, f := range p.Files {
			if !strings.HasPrefix(f.Path, root) ||
				!(f.NameKind()&(project.Python|project.Template) != 0 || frontEndExts[strings.ToLower(path.Ext(f.Path))]) ||
				analysis.TestPath(f.Path) || project.Migration(f.Path) {
				continue
			}
			data, err := f.Peek(&buf)
			if err != nil || !mayTakePassword(data) {
				continue
			}
			for _, m := range passwordMarkers {
				if bytesearch.Contains(data, m) {
					return false
				}
			}
			if passesPassword(data) {
				return false
			}
		}
		return true
	}).(bool)
}

// passwordlessUser reports the AUTH_USER_MODEL of the entry when its class
// sets password = None: AbstractUser's field is gone, and no backend can
// check a password against a user who has none.
func passwordlessUser(p *project.Project, e *st.Entry) (string, bool) {
	v, absent := setting(e, "AUTH_USER_MODEL")
	if absent || v == nil {
		return "", false
	}
	if !v.IsString() {
		return "", false
	}
	label := v.S
	_, model, ok := strings.Cut(label, ".")
	if !ok || model == "" {
		return "", false
	}
	head := []byte("class " + model + "(")
	found := false
	for _, f := range p.Files {
		if found || f.NameKind()&project.Python == 0 || path.Base(f.Path) != "models.py" && !strings.Contains(f.Path, "/models/") {
			continue
		}
		data, err := f.Content()
		if err != nil {
			continue
		}
		i := bytes.Index(data, head)
		if i < 0 {
			continue
		}
		body := data[i:]
		if j := bytes.Index(body[len(head):], []byte("\nclass ")); j >= 0 {
			body = body[:len(head)+j]
		}
		found = bytes.Contains(body, []byte("\n    password = None\n"))
	}
	return label, found
}

// passwordlessNote says why a rule about passwords is low where the user
// model has no password field.
func passwordlessNote(model string) string {
	return "; the user model " + model + " removes the password field (password = None), so no login form, the admin's included, takes one"
}

// noBackendNote says why a rule about passwords is low where no
// authentication backend checks one.
// noDatabase reports settings whose DATABASES is an empty dict: the
// site keeps no user table, and its backends check passwords at another
// service (an API that logs people in for it).
func noDatabase(e *st.Entry) bool {
	v, absent := setting(e, "DATABASES")
	if absent {
		return false
	}
	c, ok := st.Resolve(v)
	return ok && !c.FromEnv() && c.V.Kind == st.Dict && len(c.V.Keys) == 0 && !c.V.HasUnknownKeys()
}

const noDatabaseNote = "; DATABASES is empty, so the site keeps no password: its backends check them at the service that holds the accounts"

const noBackendNote = "; no backend of AUTHENTICATION_BACKENDS checks a password (single sign-on or the like, or none at all), so no login form, the admin's included, takes one"

// passwordFreeBackends are authentication backends that never take a
// password: single sign-on, a proxy's header, a link sent by mail, and
// the object-permission backends that authenticate no one.
var passwordFreeBackends = []string{
	"django.contrib.auth.backends.RemoteUserBackend", "social_core.", "mozilla_django_oidc.", "django_cas_ng.",
	"djangosaml2.", "uaa_client.", "sesame.", "guardian.backends.", "rules.permissions.", "oauth2_provider.backends.",
}

// noPasswordBackend reports whether every backend of AUTHENTICATION_BACKENDS
// (the whole list known) never checks a password: then no login form,
// the admin's included, can log anyone in with one. A backend of the
// project counts as password-free when its module does not mention
// passwords or Django's ModelBackend.
func noPasswordBackend(p *project.Project, e *st.Entry) bool {
	v, absent := setting(e, "AUTHENTICATION_BACKENDS")
	if absent {
		return false // Django's default is ModelBackend
	}
	_, backends, ok := resolveList(v)
	if !ok {
		return false
	}
	// AUTHENTICATION_BACKENDS = []: authenticate() asks no one and lets
	// no one in (an API whose users a gateway's token identifies); the
	// loop below finds no backend that checks a password

	for _, b := range backends {
		if !passwordFreeBackend(p, b) {
			return false
		}
	}
	return true
}

func passwordFreeBackend(p *project.Project, backend string) bool {
	for _, free := range passwordFreeBackends {
		if backend == free || strings.HasSuffix(free, ".") && strings.HasPrefix(backend, free) {
			return true
		}
	}
	i := strings.LastIndexByte(backend, '.')
	if i < 0 {
		return false
	}
	f := st.Load(p).ModuleFile(backend[:i])
	if f == nil {
		return false // a library's backend djsec does not know
	}
	var buf []byte
	data, err := f.Peek(&buf)
	if err != nil {
		return false
	}
	return !bytes.Contains(bytes.ToLower(data), []byte("password")) && !bytes.Contains(data, []byte("ModelBackend"))
}

// djangoRoot returns the folder, with a slash after it, of the manage.py
// nearest above a settings module: the Django project it configures, in
// a tree that holds several (src/bk-login/, src/bk-user/); "" (the whole
// tree) when none is found.
func djangoRoot(p *project.Project, settingsPath string) string {
	for dir := path.Dir(settingsPath); dir != "." && dir != "/" && dir != ""; dir = path.Dir(dir) {
		if p.File(dir+"/manage.py") != nil {
			return dir + "/"
		}
	}
	return ""
}

// djangoOlderThan returns the Django version the project installs when
// every pin of it is older than major.minor (a feature the settings name
// came with that release); "" otherwise, or when no pin is known.
func djangoOlderThan(pass *analysis.Pass, major, minor uint64) string {
	pins := depsrules.Installed(pass, "django")
	if len(pins) == 0 {
		return ""
	}
	for _, p := range pins {
		v, err := deps.ParseVersion(p.Version)
		if err != nil || v.Major() > major || v.Major() == major && v.Minor() >= minor {
			return ""
		}
	}
	return pins[0].Version
}
