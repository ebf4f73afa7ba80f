package code

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// UnauthenticatedStateChange finds routed views that change state and that
// anyone can reach, according to the access model.
var UnauthenticatedStateChange = &analysis.Rule{
	ID:         "DJC213",
	Name:       "unauthenticated-state-change",
	Severity:   report.Medium,
	Confidence: report.MediumConfidence,
	CWE:        []int{306, 862},
	Checklist:  []int{5},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A view changes data without requiring authentication",
		What: "Reports views routed by the URLconf (not by patterns it adds only under if settings.DEBUG, DEV or TEST, nor views that " +
			"start by answering 404 unless a setting every production settings module turns off is on: if not settings.ENABLE_AUTO_AUTH: raise Http404) that change state (a database write: save, create, update, " +
			"delete, bulk writes (not a method of the project's own named like a manager's and called on the model class: UserConfig.get_or_create(request.user)), an update of a name set once to a queryset (rows = Note.objects.filter(...); rows.update(...)), many-to-many add/remove/set/clear, raw INSERT/UPDATE/DELETE; a file write or removal, unless the name holding its path " +
			"says it is a cache's copy, a lock or a temporary file (cache_file, semaphore, tmp, open(cached_context_path, \"w\"), " +
			"nor a file opened for update that the view only reads: ics = open(path, \"r+\"); text = ics.read(), " +
			"shutil.rmtree(tmp_dir)), or the path is one the body sets once inside such a folder (f = os.path.join(tmp_dir, \"README\")); a shell " +
			"command; mail; a cache or session write, but not a cache.add of an entry named as a lock (cache.add(task_lock_key, True, 900)); set_cookie; a row added to a log model, DownloadLog.objects.create(...) or PluginDownload.objects.get_or_create(...), or to a model of an app that counts visits (metrics, analytics, stats: ArticleAccess), " +
			"and a fixed command that only asks, git rev-parse HEAD, or a program that only reads, given its arguments as a list (no shell to redirect its output): [\"tail\", \"-n\", \"20\", log_file], ffprobe, stat, are records and questions, not changes; also one call away, in a project function the view calls " +
			"or a method of a row of a project model the view fetched: plan = get_object_or_404(Plan, pk=pk); plan.add_item(item); " +
			"not what follows a statement that makes the requester a row's owner, form.instance.owner = self.request.user, which Django refuses " +
			"for an anonymous visitor, or that reads, whatever happens, an attribute of request.user that Django's AnonymousUser lacks " +
			"(is_owner = request.user.contributor.profile == email.profile: the anonymous visitor's request stops there with an error; " +
			"not getattr(request.user, \"contributor\", None)), nor a create or update view whose every save hook does that first) when nothing " +
			"restricts who reaches them: no decorator, mixin or base class of Django, DRF or the project that checks the user (a method named as Django's decorators of an object built on the decorator's line counts: @AppAuth(\"jobs\").permission_required(\"can_delete\"); a project decorator runs the view only where its check holds and answers otherwise, even with a response of its own that is no refusal: if request.user.has_perms(perms): return view_func(request) else: return HTMXPermissionsDenied(message); also the user a project's own login keeps in the session, " +
			"asked a question that turns the request away: user = get_user(request); if not user_can_admin_election(user, election): raise PermissionDenied(), or the project's own error whose message refuses: raise Problem(_(\"No access to editing.\")); an object built with the request asked whether the requester may go on, p = Page(request, STAFF); if not p.is_allowed(): return redirect(...), or the refusal a helper named for access hands back, returned first: data = page.set_access(STAFF); if data is not None: return data (not for a level open to all, ACCESS_TYPE_ALL); and DRF's authentication_classes when each is a project class whose authenticate() never returns None, raising instead for a request without credentials: DRF authenticates before it asks any permission), a credential " +
			"(a key in a header, a client's secret checked against its hash with check_password(secret, client.secret_hash), also in " +
			"a handler that returns or raises first when it fails: if not hmac.compare_digest(expected, signature): return ..., or a check given the request that answers 401 or 403 when it fails: " +
			"if not CourseAccess.allowed(request): return HttpResponseForbidden()) or a signature, " +
			"no refusal before the write unless the object's owner is the requester (if booking.owner != request.user: raise ...; " +
			"owner_id != request.user.id is no refusal: both are None for an anonymous visitor and a row without an owner), no permission class, no wrapper in urls.py (login_required(view), decorator_include, a project helper such as decorated_patterns([login_required], ...)) or in the view's module (view = login_required(view)), no OpenStack Horizon dashboard (which wraps the URLs of the panels beside a panel.py in require_auth, unless it sets public = True) and no middleware that turns anonymous users " +
			"away (Django's or django-stronghold's LoginRequiredMiddleware, django-login-required-middleware's, django-staff-sso-client's ProtectAllViewsMiddleware, or the project's own: one that hands the request on only when its test holds and otherwise ends by sending it to the login page " +
			"(a single sign-on token the session holds), one that authenticates by a header a proxy sets " +
			"included, when it turns away requests without the header and sets request.user, and a token's that ends by refusing every request it did not set request.user for " +
			"but the paths its test of request.path exempts), nor, but for the views its decorator exempts (@signature_exempt), a middleware that refuses every request whose signed header " +
			"its check turns down (if not self._signed(request): return HttpResponseBadRequest()): only the project's own servers hold the secret. Where MIDDLEWARE holds items of a library's settings djsec cannot read (MIDDLEWARE += (...) after " +
			"from blueapps.conf.default_settings import *), the finding is low: a middleware djsec cannot see may require a login. A permission_required attribute guards " +
			"only when something reads it (PermissionRequiredMixin, the project's own check of self.permission_required): on a plain View it " +
			"is ignored, and the finding says so. Views whose protection djsec cannot see into (third-party decorators, permissions computed at " +
			"run time, such as a 403 when a question asked of the requester or the request says no: if not " +
			"problem.vote_rights_for(request.user).allowed(), or a refusal of the project's own that a middleware answers: " +
			"raise Http403, or a response class of the project whose status_code is 401 or 403: return JsonResponseForbidden(...)) are left alone, as are views reached by an unguessable id or a signed token in the URL (checked with " +
			"Django's signing, also in a method of a model's manager that every such method of the project unsigns with " +
			"(Member.objects.get_with_verification_key(key)), or in the activate method of a django-registration ActivationView that calls validate_key, or by a helper that compares the token, or a part of it, with what it should be and raises " +
			"otherwise, or by a row fetched by a field named for a secret, with the view stopping when none is found: " +
			"get_object_or_404(Alert, secret_key=key), try: Model.objects.get(activation_key=key) except DoesNotExist: return ..., " +
			"rows = Model.objects.filter(token=t) then if not rows: return ..., or by a field the model fills with random text (or, for the URL, one named for a secret: secret_id), from the URL (self.kwargs[\"slug\"] too) " +
			"or the query string: PrizeClaim.objects.get(pk=pk, auth_code__iexact=request.GET.get(\"auth_code\"))) and views anonymous users need by their nature (login, logout, sign-up, password reset or account recovery (RecoverView, ForgetPasswordView, get_reset_token), a SAML assertion consumer (saml_acs), resending or confirming a sign-up's e-mail (resend_confirmation, SendValidationEmailView, verify_email), opting in or out of e-mail (optout, opt_in), a demo or guest account made for visitors (demo_entries, guest_login), the callback of a " +
			"sign-in with GitHub, Google or another identity provider (also a view named callback that reads the code of the query string, request.GET.get(\"code\")), a magic-link AuthenticateView, a bug report, abuse report or feedback form (also a view named for a submission, add, send, its form or a report, in an app named feedback, contact, newsletter or donations), a shop's cart and checkout (any view of an app or views module named cart, basket or checkout: a guest fills a cart and checks out, and the rows written are that visitor's own, found by the session), " +
			"a view its authors named or routed as public (PublicSignalViewSet, /api/v1/public/...), DRF's and " +
			"simplejwt's token views; by the view's name, or for sign-up and an identity provider's callback by every route's " +
			"name or last word: AccountCreateView at auth/register, FederationOAuthView at oauth-callback/), a view that tells logged-in users from anonymous ones and gives the anonymous an identity of their own " +
			"(if request.user.is_authenticated: vote.creator = request.user, else: vote.anonymous_id = ...) is low, since serving " +
			"them looks meant, and so is a view whose only changes add new rows (Model.objects.create(...), get_or_create, bulk_create, a model or a form " +
			"the view builds without an instance and saves: answer = Answer(quiz=quiz); answer.save(), obj = form.save(commit=False); obj.save(), or a " +
			"CreateView or CreateAPIView and the form or serializer it is given), as a survey, a suggestion or a reason for a download does: it " +
			"changes no row that was there (but not one that makes a user account, User or get_user_model(), who may then log in, nor one beside views of its module that " +
			"ask for a login or more, whose check it may have lost), and so is a view that limits its own rate (django-ratelimit's @ratelimit, is_ratelimited in its code, its own throttle_classes; " +
			"not DEFAULT_THROTTLE_CLASSES, which every API view gets): its authors expected anonymous callers, and so is a first-run setup whose every " +
			"handler refuses once a user account exists (if User.objects.exists(): return redirect(...), or a count of users compared with zero), which the first visitor completes; database writes made on the requester's own account (request.user.profile.save(), or through a name " +
			"set once from it), on rows filtered by the requester (Notification.objects.filter(recipient=request.user).update(...)) " +
			"or given the requester as a value (Ticket.objects.create(owner=request.user), serializer.save(user=request.user), or a name set once to it), all of which " +
			"fail for an anonymous visitor's AnonymousUser before anything is written, and what follows such a row in its block, or a model of a models module built with the " +
			"requester (booking = Booking(owner=request.user); form = BookingForm(instance=booking, ...); form.save(); a form given the user refuses no one), " +
			"the views of a class whose dispatch (its own or a base's) first reads an attribute of request.user that AnonymousUser lacks " +
			"(self.owed = request.user.profile.unpaid_total), which every anonymous request fails on before a handler runs, " +
			"and the updates and deletes of a class view that creates nothing " +
			"whose get_queryset filters by the requester, whose get_object returns the requester (an account's own delete page) or hands it to a project function that refuses unless a check lets it by " +
			"(check_access(self.request.user, obj), ending in raise Http404) or whose check_object_permissions refuses (DRF's get_object asks it) are not reported either, " +
			"nor are the writes of such a view's methods on rows of self.get_queryset() (qs = self.get_queryset(); qs.filter(read=False).update(read=True)), " +
			"nor the create, update and delete a viewset's bases define when every route maps it to safe methods only (as_view({\"get\": \"list\"}), or http_method_names = [\"get\"] on the viewset), changes made only on a branch for logged-in users (if " +
			"request.user.is_authenticated: ..., if not request.user.is_anonymous: ..., the else of if not request.user.has_perm(...): ..., if isinstance(request.user, User): ..., or through a name assigned once: is_owner = request.user == obj.owner; if is_owner: ..., or a call of a project function given the requester that refuses anonymous users first: " +
			"can_edit = member_or_admin(tool, request.user), with if user.is_anonymous: return False at its start; if can_edit: ..., or when the requester's username equals the one the URL names: " +
			"if username == request.user.username: ..., which an anonymous visitor's empty name never does), " +
			"in the view or around its call of a helper that writes, or in a branch of the helper that parameters the call leaves at their " +
			"literal defaults, or passes literals, decide not to run (get_config() with crawl=None, and the write under if crawl is not None; render_error(request, msg, redirect=False) and the write under if redirect), " +
			"or after a return for anonymous ones (if not user or user.is_anonymous: return None, in a helper given the user), or in the branches after one that " +
			"refuses whoever a check of the requester turns away (elif not patch.is_editable(request.user): return HttpResponseForbidden() elif ...: form.save()), and changes made only once a query found a row by a secret the " +
			"request carries (if link := ShareLink.objects.filter(uuid=share).first(): ..., or after link = get_object_or_404(ShareLink, uuid=share), or in a " +
			"try whose first statement is such a fetch, key = ActivationKey.objects.get(key=activation_key); a token, a key or a " +
			"signature likewise), or once a value of the request equals a secret the row keeps (if device.verification_code == code and ...:, " +
			"compare_digest(invite.token, token), also through a name assigned the comparison; not a country_code, nor a literal). In-memory updates (dict.update, a data frame's rename(columns={...}) (Path.rename takes the new path alone), a copied query string's qs.update({...}): a queryset's update takes keywords only, set.add, the SQL a queryset builds: qs.query.external_aliases.add), outgoing HTTP requests (requests.post, stripe, boto3, a payment gateway object: gateway.customer.create(...)) and a cache " +
			"filled with what the code computed after missing the same key (cache.get(key) ... cache.set(key, ...), " +
			"get_or_set), a cache entry set to a literal under a literal key, and taken back with delete (a health check's canary: cache.set(\"a\", True, 1)), an image saved into a buffer (img.save(buf, image_format), img.save(fp=buf, format=\"PNG\")) and the row that goes with each user made the first " +
			"time a page needs it (Profile.objects.get_or_create(user=owner), with no other argument), a row named by literals only " +
			"(NavBarCategory.objects.get_or_create(name=\"home\")), the row the code makes while its model has none, with nothing " +
			"of the request in it (if not SiteSettings.objects.exists(): s = SiteSettings(); s.title = \"My site\"; s.save(), or a row of literals made " +
			"in the handler of a try that fetched one: try: ShutdownMode.objects.first().toggle except AttributeError: ShutdownMode.objects.create(toggle=False)), a " +
			"count of visits raised by a literal (update(views=F(\"views\") + 1), a fetched row saved with only such fields: version.downloads += 1; " +
			"version.save(), or obj.save(update_fields=[\"download_count\"]); a field counting something else, user.email_changes += 1, is a change) and a cache entry the function both sets and deletes under " +
			"a key it made (a health check's fresh key: key = \"hb\" + str(uuid4()); cache.set(key, 1); cache.delete(key)) are not state changes.",
		Why: "A view that forgets its decorator lets anyone on the internet change or delete data that the rest of " +
			"the site protects.",
		Bad:  "def delete_address(request, pk):\n    Address.objects.filter(pk=pk).delete()",
		Good: "@login_required\ndef delete_address(request, pk):\n    Address.objects.filter(pk=pk, user=request.user).delete()",
		Fix: "Add @login_required (or a permission decorator) to function views, LoginRequiredMixin or " +
			"PermissionRequiredMixin to class-based views, a permission class to DRF views; `djsec routes` shows " +
			"what protects every view.",
		References: []string{"https://docs.djangoproject.com/en/stable/topics/auth/default/#limiting-access-to-logged-in-users",
			"https://cwe.mitre.org/data/definitions/306.html"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		model := access.Analyze(pass.Project)
		if model.Gate != nil && model.Gate.Kind != access.Credential {
			// a login gate; a credential's lets through the views its
			// decorator exempts, which their routes tell
			return
		}
		exempt := map[*access.View]bool{}
		for _, r := range model.Routes {
			if r.CSRF.Value == "exempt" {
				exempt[r.View] = true
			}
		}
		for _, v := range openViews(model) {
			m, def, body := v.Code()
			// exempt views are DJC201's: one finding per view
			if m == nil || inTests(m) || anonymousPurpose(model, v) || exempt[v] || offInProduction(pass.Project, requestHandlers(v)) != "" {
				continue
			}
			if v.Class != nil && access.DispatchFailsForAnonymous(prog, v.Class) {
				continue // an anonymous request fails in dispatch, before any handler
			}
			what := ""
			if c, ok := anonymousChange(prog, v, m, body); ok {
				if memoised(m, body) {
					continue
				}
				what = "changes data (" + c.What + ": " + m.Text(c.Node) + ")"
			} else if writesByBase(prog, v) && !detailWritesGuarded(prog, v) && !model.ReadsOnly(v) && !savesForRequester(prog, v) {
				what = "creates, updates or deletes objects"
			} else if f, c, ok := helperChange(prog, m, body, true); ok {
				what = "changes data through " + lastName(f.QName) + " (" + c.What + ": " + f.Module.Text(c.Node) + " at " +
					access.Where(f.Module.Location(c.Node)) + ")"
			} else {
				continue
			}
			why := meantForAnonymous(v, m, body)
			if at, ok := addsRowsOnly(prog, v, m, body); ok && why == "" && !guardedSibling(model, v) {
				why = "but it only adds new rows (" + m.Text(at) + "), as a public form does, and changes none that was there: " +
					"check that anonymous visitors should add them, and limit their rate"
				if _, isClass := at.(*python.ClassDef); isClass {
					why = "but it only adds new rows (its Django or DRF base creates them), as a public form does, and changes none " +
						"that was there: check that anonymous visitors should add them, and limit their rate"
				}
			}
			if why != "" {
				pass.Report(analysis.Diagnostic{
					Location: m.DefLocation(def),
					Severity: report.Low,
					Message: fmt.Sprintf("view %s %s and anyone can reach it (%s); %s", lastName(v.QName), what,
						routesOf(model, v), why),
				})
				continue
			}
			if model.MiddlewareFrom != "" {
				// MIDDLEWARE += (...) after a library's settings: a
				// login middleware may be among the items djsec cannot see
				pass.Report(analysis.Diagnostic{
					Location: m.DefLocation(def),
					Severity: report.Low,
					Message: fmt.Sprintf("view %s %s, and nothing djsec can see requires a login, a permission or a credential (%s); "+
						"but MIDDLEWARE holds what %s gives, which djsec cannot read, and a middleware there may turn anonymous visitors away: check that one does",
						lastName(v.QName), what, routesOf(model, v), model.MiddlewareFrom),
				})
				continue
			}
			msg := fmt.Sprintf("view %s %s and anyone can reach it: nothing requires a login, a permission or a credential (%s)",
				lastName(v.QName), what, routesOf(model, v))
			if v.Unread != nil {
				msg += fmt.Sprintf("; its %s (line %d) is read by nothing: a plain View ignores it, add PermissionRequiredMixin", v.Unread.What, v.Unread.Where.Line)
			}
			pass.Reportf(m.DefLocation(def), "%s", msg)
		}
	},
}

// meantForAnonymous says why a view that anyone can reach and that
// changes data looks meant for anonymous visitors, for a low finding:
// it gives them an identity of their own, it serves a first-run setup, or
// it limits its own rate; "" when nothing says so.
func meantForAnonymous(v *access.View, m *taint.Module, body []python.Stmt) string {
	if at := access.AnonymousBranch(body); at != nil {
		return fmt.Sprintf("it gives anonymous visitors an identity of their own (%s at line %d), so serving them looks meant: check that it is",
			m.Text(at), m.Line(at))
	}
	if gate := firstRunGate(v); gate != nil {
		return fmt.Sprintf("it refuses once any user account exists (%s, line %d): a first-run setup, which whoever reaches the site "+
			"first completes: set the site up before it is public", m.Text(gate.Test), m.Line(gate))
	}
	if g := ownThrottle(v); g != nil {
		return fmt.Sprintf("it limits its own rate (%s at %s), which says its authors expect anonymous callers: check that anonymous "+
			"visitors should make this change", g.What, access.Where(g.Where))
	}
	return ""
}

// firstRunGate returns the check by which a view serves only a site that
// has no user account yet (a first-run wizard that creates the first
// superuser): every request handler of a class view, or a function view,
// starts by returning or raising when User.objects.exists(). nil when it
// has none.
func firstRunGate(v *access.View) *python.If {
	var gate *python.If
	for _, h := range requestHandlers(v) {
		g := leadingUserGate(h.Body)
		if g == nil {
			return nil
		}
		gate = g
	}
	return gate
}

// requestHandlers returns a function view's function, or the methods of
// a class view that answer requests (get, post, ..., dispatch).
func requestHandlers(v *access.View) []*python.FunctionDef {
	var handlers []*python.FunctionDef
	switch {
	case v.Func != nil:
		handlers = append(handlers, v.Func.Def())
	case v.Class != nil:
		for _, s := range v.Class.Def().Body {
			if f, ok := s.(*python.FunctionDef); ok {
				switch f.Name {
				case "get", "post", "put", "patch", "delete", "dispatch":
					handlers = append(handlers, f)
				}
			}
		}
	}
	return handlers
}

// leadingUserGate returns the first statement of body, or of a with
// block it starts with (with self.lock: ...), when it is an if that asks
// whether any user account exists and returns or raises when one does.
func leadingUserGate(body []python.Stmt) *python.If {
	for len(body) > 0 {
		switch s := body[0].(type) {
		case *python.With:
			body = s.Body
			continue
		case *python.If:
			if len(s.Body) == 0 || !usersExist(s.Test) {
				return nil
			}
			switch s.Body[len(s.Body)-1].(type) {
			case *python.Return, *python.Raise:
				return s
			}
		}
		return nil
	}
	return nil
}

// usersExist reports a test of whether the user table holds a row:
// User.objects.exists(), get_user_model().objects.filter(is_superuser=True).exists(),
// User.objects.filter(is_superuser=True).count() > 0 (or >= 1, != 0, or
// the count alone).
func usersExist(e python.Expr) bool {
	if cmp, ok := e.(*python.Compare); ok && len(cmp.Ops) == 1 && len(cmp.Comparators) == 1 {
		n, isInt := cmp.Comparators[0].(*python.Constant)
		if !isInt {
			return false
		}
		switch {
		case cmp.Ops[0] == python.Gt && n.Value == int64(0), cmp.Ops[0] == python.NotEq && n.Value == int64(0),
			cmp.Ops[0] == python.GtE && n.Value == int64(1):
			e = cmp.Left
		default:
			return false
		}
	}
	c, ok := e.(*python.Call)
	if !ok {
		return false
	}
	a, ok := c.Func.(*python.Attribute)
	if !ok || a.Attr != "exists" && a.Attr != "count" {
		return false
	}
	for x := a.Value; ; {
		switch y := x.(type) {
		case *python.Call:
			x = y.Func
		case *python.Attribute:
			if y.Attr == "objects" {
				switch base := y.Value.(type) {
				case *python.Name:
					return base.ID == "User" || base.ID == "UserModel"
				case *python.Call:
					f, _ := base.Func.(*python.Name)
					return f != nil && f.ID == "get_user_model"
				}
				return false
			}
			x = y.Value
		default:
			return false
		}
	}
}

// ownThrottle returns a rate limit the view applies itself (a
// @ratelimit decorator, is_ratelimited in its code, its own
// throttle_classes), not the project's DEFAULT_THROTTLE_CLASSES, which
// every API view gets; nil when it has none.
func ownThrottle(v *access.View) *access.Guard {
	for i, g := range v.Throttle {
		if !strings.HasPrefix(g.What, "DEFAULT_THROTTLE_CLASSES") {
			return &v.Throttle[i]
		}
	}
	return nil
}

// helperChange finds a state change one call away: a project function the
// view calls directly, or, with methods, a method of a row of a project
// model the view fetched (other methods are left alone: djsec cannot type
// their receiver).
func helperChange(prog *taint.Program, m *taint.Module, body []python.Stmt, methods bool) (*taint.Func, access.Change, bool) {
	var hf *taint.Func
	var hc access.Change
	called := calledNames(body)
	var fetched map[string]string
	if methods {
		fetched = fetchedRows(m, body)
	}
	var visit func(n python.Node) bool
	// block visits statements in order, up to one that returns or raises
	// for anonymous visitors (if not request.user.has_perm(...): return
	// render(...)): what follows it in its block is theirs no more
	block := func(stmts []python.Stmt) {
		for _, s := range stmts {
			python.Inspect(s, visit)
			if hf != nil || access.AnonymousExit(s) {
				return
			}
		}
	}
	visit = func(n python.Node) bool {
		if hf != nil {
			return false
		}
		switch x := n.(type) {
		case *python.If:
			if access.GuardedBranch(x.Test) {
				// if not request.user.is_anonymous: org = default_org(request.user):
				// called for logged-in users only
				block(x.Orelse)
				return false
			}
			python.Inspect(x.Test, visit)
			block(x.Body)
			block(x.Orelse)
			return false
		case *python.For:
			python.Inspect(x.Iter, visit)
			block(x.Body)
			block(x.Orelse)
			return false
		case *python.With:
			for _, it := range x.Items {
				python.Inspect(it.ContextExpr, visit)
			}
			block(x.Body)
			return false
		case *python.Try:
			block(x.Body)
			for _, h := range x.Handlers {
				block(h.Body)
			}
			block(x.Orelse)
			block(x.Finalbody)
			return false
		}
		c, ok := n.(*python.Call)
		if !ok {
			return true
		}
		f := instanceMethod(prog, m, c, fetched)
		bound := f != nil
		if f == nil {
			q := m.QualName(c.Func)
			if q == "" {
				return true
			}
			f = prog.LookupFunc(q)
			if f == nil && !strings.Contains(q, ".") {
				f = prog.LookupFunc(m.Name + "." + q)
			}
			if f == nil || f.Class != nil {
				return true
			}
		}
		if inTests(f.Module) {
			return true
		}
		// the helper as this call runs it: get_config() leaves out the
		// crawl whose persona the helper would make
		helper, key := prunedBody(prog, f, c, bound)
		hw := prog.Memo(helperWriteKey{f, key}, func() any { return helperWriteOf(prog, f.Module, helper) }).(helperWrite)
		if ch, ok := hw.change, hw.ok; ok && !(ch.What == "cache write" && readThrough(lastName(f.QName), called)) {
			hf, hc = f, ch
			return false
		}
		return true
	}
	for i, s := range body {
		if access.SecretGate(body, i) {
			break // what follows runs only for whoever holds the secret
		}
		python.Inspect(s, visit)
		if access.AnonymousExit(s) {
			break // what follows runs for logged-in users only
		}
	}
	return hf, hc, hf != nil
}

// fetchedRows returns the names a body sets once to a row of a project
// model it fetches (plan = get_object_or_404(TestPlan, pk=plan_id), or
// TestPlan.objects.get(...)), with the model's qualified name: their
// methods are the model's.
func fetchedRows(m *taint.Module, body []python.Stmt) map[string]string {
	out := map[string]string{}
	count := map[string]int{}
	python.EachStmt(body, func(s python.Stmt) {
		as, ok := s.(*python.Assign)
		if !ok || len(as.Targets) != 1 {
			return
		}
		n, ok := as.Targets[0].(*python.Name)
		if !ok {
			return
		}
		count[n.ID]++
		if c, ok := as.Value.(*python.Call); ok {
			if model := fetchedModel(m, c); model != "" {
				out[n.ID] = model
			}
		}
	})
	for name := range out {
		if count[name] != 1 {
			delete(out, name)
		}
	}
	return out
}

// fetchedModel returns the qualified name of the model whose row a call
// fetches: get_object_or_404(Model, ...) (or of a queryset of it), or
// Model.objects.get(...); "" for any other call.
func fetchedModel(m *taint.Module, c *python.Call) string {
	if lastName(m.QualName(c.Func)) == "get_object_or_404" && len(c.Args) > 0 {
		return m.QualName(querysetModel(c.Args[0]))
	}
	if a, ok := c.Func.(*python.Attribute); ok && a.Attr == "get" {
		if o, ok := a.Value.(*python.Attribute); ok && o.Attr == "objects" {
			return m.QualName(o.Value)
		}
	}
	return ""
}

// instanceMethod returns the project method a call runs on a fetched row
// (plan.add_case(case), where plan is a TestPlan the view fetched),
// looked up in the model, then in its first base of the project, and so
// on (a model that gets the method from a mixin is not followed); nil
// otherwise.
func instanceMethod(prog *taint.Program, m *taint.Module, c *python.Call, fetched map[string]string) *taint.Func {
	a, ok := c.Func.(*python.Attribute)
	if !ok {
		return nil
	}
	n, ok := a.Value.(*python.Name)
	if !ok || fetched[n.ID] == "" || modelMethods[a.Attr] {
		return nil
	}
	cls := access.LookupClass(prog, m, fetched[n.ID])
	for depth := 0; cls != nil && depth < 8; depth++ {
		if f := cls.Methods[a.Attr]; f != nil {
			return f
		}
		if len(cls.Bases) == 0 {
			return nil
		}
		cls = access.LookupClass(prog, cls.Module, cls.Bases[0])
	}
	return nil
}

// modelMethods are the methods of Django's Model that a project's model
// may override: the view's call of one (livesession.save()) is judged
// where it stands, with the checks around it, as a database write.
var modelMethods = map[string]bool{"save": true, "delete": true, "full_clean": true, "clean": true,
	"clean_fields": true, "validate_unique": true, "refresh_from_db": true, "save_base": true}

// helperWriteKey names a helper and the parameters its callers leave at
// their defaults (prunedBody's key).
type helperWriteKey struct {
	f        *taint.Func
	defaults string
}

// helperWrite is what a helper changes for anyone, found once per helper
// and defaults: every view that calls it asks.
type helperWrite struct {
	change access.Change
	ok     bool
}

func helperWriteOf(prog *taint.Program, m *taint.Module, body []python.Stmt) helperWrite {
	ch, ok := access.AnonymousStateChange(prog, m, body)
	return helperWrite{ch, ok && !memoised(m, body)}
}

// readThrough reports a cache helper whose reading twin the view calls too
// (set_cached_value after get_cached_value): the view stores what it
// computed after a miss, as a read-through cache does.
func readThrough(setter string, called map[string]bool) bool {
	rest, ok := strings.CutPrefix(setter, "set")
	return ok && strings.Contains(strings.ToLower(setter), "cache") && called["get"+rest]
}

// calledNames returns the last names of the functions and methods body
// calls.
func calledNames(body []python.Stmt) map[string]bool {
	out := map[string]bool{}
	for _, s := range body {
		python.Inspect(s, func(n python.Node) bool {
			if c, ok := n.(*python.Call); ok {
				if name := c.CalleeName(); name != "" {
					out[name] = true
				}
			}
			return true
		})
	}
	return out
}

// memoised: the view first returns an existing object of a model and
// builds one only when there is none (thumbnails made on first request).
// The write fills a cache of derived data, which is the view's purpose.
func memoised(m *taint.Module, body []python.Stmt) bool {
	queried := map[string]bool{}
	for _, s := range body {
		python.Inspect(s, func(n python.Node) bool {
			x, ok := n.(*python.If)
			if !ok || len(x.Body) == 0 {
				return true
			}
			if _, ret := x.Body[len(x.Body)-1].(*python.Return); !ret {
				return true
			}
			python.Inspect(x.Test, func(t python.Node) bool {
				if a, ok := t.(*python.Attribute); ok && a.Attr == "objects" {
					queried[lastName(m.QualName(a.Value))] = true
				}
				return true
			})
			return true
		})
	}
	if len(queried) == 0 {
		return false
	}
	built := false
	for _, s := range body {
		python.Inspect(s, func(n python.Node) bool {
			if c, ok := n.(*python.Call); ok {
				q := m.QualName(c.Func)
				if queried[lastName(q)] && q != "" {
					built = true
				}
				if a, ok := c.Func.(*python.Attribute); ok && (a.Attr == "create" || a.Attr == "get_or_create") {
					if o, ok := a.Value.(*python.Attribute); ok && o.Attr == "objects" && queried[lastName(m.QualName(o.Value))] {
						built = true
					}
				}
			}
			return !built
		})
	}
	return built
}

// anonymousByNature are views anonymous users need by their purpose: a
// new account, a reset e-mail, a newsletter subscription, a contact
// message, a bug report or the callback of a sign-in with an identity provider (OAuth,
// OIDC, SAML) are made before anyone is logged in. A bare "callback" is
// not among them: a payment provider's callback must check a signature.
var anonymousByNature = lazyre.New(`(?i)^(log_?in|log_?out|sign_?(up|in|out)|register|registration|password_reset|reset_password|forgot|activate|subscribe|unsubscribe|opt_?(in|out)(_|$)|(demo|guest)(_|$)|contact|feedback)|login|logout|signup|signin|password_?reset|reset_?password|recover_?password|password_?recover|lost_?password|^recover(_?view)?$|^authenticate(_?view)?$|account_?recovery|newsletter|feedback|resend_?(the_?)?(confirmation|activation|verification|validation)|send_?(the_?)?(confirmation|activation|verification|validation)_?e?mail|(confirm|verify)_?email|email_?(confirmation|verification)|bug_?report|report_?abuse|abuse_?report|report_?(a_?)?problem|(oauth|oidc|openid|saml|sso|social|google|github|gitlab|gitea|microsoft|facebook|apple)_?callback|forget_?password|forgot_?password|reset_?token|(user|account)_?registration|saml_?acs|assertion_?consumer`)

// anonymousApp reports a view that takes what visitors send without an
// account, in an app named for it: pombola.feedback.views.add,
// contact.views.SendMessage. Other views there (delete, moderate) are
// staff's.
func anonymousApp(qname string) bool {
	parts := strings.Split(qname, ".")
	if shopApp(parts) {
		return true
	}
	if !submitName().MatchString(parts[len(parts)-1]) {
		return false
	}
	for i := len(parts) - 2; i >= 0; i-- {
		switch parts[i] {
		case "views", "api", "viewsets":
			continue
		case "feedback", "contact", "contact_form", "contactform", "newsletter", "donation", "donations", "donate":
			return true
		}
		return false
	}
	return false
}

// shopApp reports a view of a shop's cart or checkout, by the app or the
// views module it is in (lfs.cart.views.add_to_cart,
// shop.views.checkout.CheckoutViewSet): a visitor fills a cart and
// checks out as a guest before any account exists, and the rows it
// writes are that visitor's own, found by the session.
func shopApp(parts []string) bool {
	for _, p := range parts[:len(parts)-1] {
		switch p {
		case "cart", "carts", "basket", "baskets", "checkout":
			return true
		}
	}
	return false
}

// submitName matches the name of a view that takes a submission: in a
// contact or feedback app, its form (form_view, index) and a report of
// content, too.
var submitName = lazyre.New(`(?i)^(add|create|submit|send|post|new|leave|give|form|report|contact|index)`)

// anonymousPurpose reports a view anonymous users need by its purpose:
// its name says so (anonymousByNature), or every route of it is the
// sign-up page or an identity provider's callback by its URL name or the
// last word of its pattern (AccountCreateView at "auth/register",
// name="register"; FederationOAuthView at "oauth-callback/"). Routes say
// less than a view's name, so only those two count there.
func anonymousPurpose(model *access.Model, v *access.View) bool {
	if name := lastName(v.QName); anonymousByNature().MatchString(name) || publicName(name) || anonymousApp(v.QName) {
		return true
	}
	if strings.HasSuffix(strings.ToLower(lastName(v.QName)), "callback") && readsAuthorizationCode(v) {
		// callback(request, provider): an identity provider sends the
		// browser back with ?code=, which the view trades for a token
		return true
	}
	routes := 0
	for _, r := range model.Routes {
		if r.View != v {
			continue
		}
		routes++
		if !anonymousRoute(r.Name) && !anonymousRoute(lastWord(r.Pattern)) && !publicRoute(r.Pattern) {
			return false
		}
	}
	return routes > 0
}

// readsAuthorizationCode reports a view that reads the code parameter of
// the query string (request.GET.get("code"), request.GET["code"],
// request.query_params.get("code")): an OAuth authorization code, in a
// callback; a payment provider's callback posts its data instead.
func readsAuthorizationCode(v *access.View) bool {
	_, def, _ := v.Code()
	if def == nil {
		return false
	}
	query := func(e python.Expr) bool {
		d := access.Dotted(e)
		return strings.HasSuffix(d, "request.GET") || strings.HasSuffix(d, "request.query_params")
	}
	found := false
	python.Inspect(def, func(n python.Node) bool {
		switch x := n.(type) {
		case *python.Call:
			if a, ok := x.Func.(*python.Attribute); ok && a.Attr == "get" && query(a.Value) && len(x.Args) > 0 {
				if s, ok := constStr(x.Args[0]); ok && s == "code" {
					found = true
				}
			}
		case *python.Subscript:
			if s, ok := constStr(x.Slice); ok && s == "code" && query(x.Value) {
				found = true
			}
		}
		return !found
	})
	return found
}

// publicName reports a view its authors named public:
// PublicSignalViewSet, public_questionnaire. What it lets anonymous
// visitors do is its purpose.
func publicName(name string) bool {
	if rest, ok := strings.CutPrefix(name, "Public"); ok {
		return rest != "" && rest[0] >= 'A' && rest[0] <= 'Z'
	}
	return strings.HasPrefix(name, "public_")
}

// publicRoute reports a URL pattern with a segment named public
// (v1/public/signals/): the project's API for anonymous visitors.
func publicRoute(pattern string) bool {
	for _, part := range strings.FieldsFunc(pattern, func(r rune) bool { return r == '/' || r == '^' || r == '$' }) {
		if part == "public" {
			return true
		}
	}
	return false
}

var signUpRoute = lazyre.New(`(?i)(^|[_-])(sign_?up|register|registration|join|create_?account|account_?create|new_?account)$`)

// callbackRoute matches the route of an identity provider's callback
// (oauth-callback, oidc_callback, sso/callback is the view's name's job).
var callbackRoute = lazyre.New(`(?i)(^|[_-])(oauth2?|oidc|openid|saml|sso)[_-]?callback$`)

// anonymousRoute reports a route name or last word of a view anonymous
// users need: the sign-up page, or the callback of a sign-in with an
// identity provider, which runs before anyone is logged in.
func anonymousRoute(s string) bool {
	return signUpRoute().MatchString(s) || callbackRoute().MatchString(s)
}

// lastWord is the last part of a URL pattern that is no parameter:
// "register" of "auth/register/" and of "^accounts/register/$".
func lastWord(pattern string) string {
	parts := strings.FieldsFunc(pattern, func(r rune) bool { return r == '/' || r == '^' || r == '$' })
	for i := len(parts) - 1; i >= 0; i-- {
		if !strings.ContainsAny(parts[i], "<>()[]\\?*+") {
			return parts[i]
		}
	}
	return ""
}

// openViews returns the project views whose every route is open, in a
// stable order.
func openViews(model *access.Model) []*access.View {
	open := map[*access.View]bool{}
	for _, r := range model.Routes {
		v := r.View
		if v.Library {
			continue
		}
		if prev, seen := open[v]; seen && !prev {
			continue
		}
		open[v] = r.IsOpen()
	}
	return chosenViews(open)
}

// chosenViews returns the views a map marks true, in the order of their
// names.
func chosenViews(marks map[*access.View]bool) []*access.View {
	var out []*access.View
	for v, ok := range marks {
		if ok {
			out = append(out, v)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].QName < out[j].QName })
	return out
}

// routesOf names the first route of a view for the message.
func routesOf(model *access.Model, v *access.View) string {
	pats := patternsOf(model, v)
	if len(pats) == 0 {
		return "not routed"
	}
	s := "routed at " + pats[0]
	if len(pats) > 1 {
		s += " and elsewhere"
	}
	return s
}

// patternsOf returns the URL patterns that reach a view, sorted.
func patternsOf(model *access.Model, v *access.View) []string {
	var pats []string
	for _, r := range model.Routes {
		if r.View == v {
			pats = append(pats, r.Pattern)
		}
	}
	slices.Sort(pats)
	return pats
}

// writesByBase: generic views that write through their base class
// (CreateView, UpdateView, DeleteView, DRF's write mixins).
// anonymousChange finds what an anonymous visitor can change through a
// view. A class view's methods are read one by one, so that a name each
// sets once is known in each (qs = self.get_queryset().filter(...); qs.
// update(...)); where its get_queryset filters by the requester, the rows
// self.get_queryset() finds are the requester's own.
func anonymousChange(prog *taint.Program, v *access.View, m *taint.Module, body []python.Stmt) (access.Change, bool) {
	if guardedPlainView(v, m) {
		return access.Change{}, false
	}
	c, ok := access.AnonymousStateChange(prog, m, body)
	if !ok || v.Class == nil {
		// read whole, a class view's methods keep what one says of the
		// others (a token fetched in dispatch guards what post writes)
		return c, ok
	}
	own := requesterQueryset(v.Class)
	for _, st := range v.Class.Def().Body {
		f, ok := st.(*python.FunctionDef)
		if !ok {
			continue
		}
		change := access.AnonymousStateChange
		if own {
			change = access.AnonymousStateChangeOwnRows
		}
		if c, ok := change(prog, m, f.Body); ok {
			return c, true
		}
	}
	return access.Change{}, false
}

// guardedPlainView reports a class view built on Django's View or DRF's
// APIView alone, whose every request handler it defines starts by turning
// some requesters away (access.GuardExit: if not
// CourseAccess.allowed(request): return HttpResponseForbidden()): its
// other methods run only from those handlers, past the check, whatever
// their order in the class.
func guardedPlainView(v *access.View, m *taint.Module) bool {
	if v.Class == nil || len(v.Class.Bases) == 0 {
		return false
	}
	for _, b := range v.Class.Bases {
		if n := lastName(b); n != "View" && n != "APIView" {
			return false
		}
	}
	handlers := requestHandlers(v)
	for _, h := range handlers {
		if first := firstStmt(h); first == nil || !access.GuardExit(m, first) {
			return false
		}
	}
	return len(handlers) > 0
}

// requesterQueryset reports a class whose get_queryset returns, at every
// return, rows filtered by the requester.
func requesterQueryset(c *taint.Class) bool {
	return returnsOnly(c.Methods["get_queryset"], access.RequesterFiltered)
}

// requesterObject reports a class view whose get_object returns the
// requester or its own record (return self.request.user): the account
// page whose delete view deletes the requester's account. An anonymous
// visitor's AnonymousUser is no row to delete or update.
func requesterObject(c *taint.Class) bool {
	return returnsOnly(c.Methods["get_object"], func(e python.Expr) bool {
		d := access.Dotted(e)
		return d == "self.request.user" || strings.HasPrefix(d, "self.request.user.")
	})
}

// returnsOnly reports a method whose every return gives a value ok
// accepts, and that returns something.
func returnsOnly(f *taint.Func, ok func(python.Expr) bool) bool {
	if f == nil {
		return false
	}
	returns := 0
	scoped := true
	python.Inspect(f.Def(), func(n python.Node) bool {
		switch x := n.(type) {
		case *python.FunctionDef:
			return x == f.Def()
		case *python.Lambda, *python.ClassDef:
			return false
		case *python.Return:
			returns++
			scoped = scoped && x.Value != nil && ok(x.Value)
		}
		return true
	})
	return returns > 0 && scoped
}

// detailWritesGuarded reports a class view whose base classes write only
// to an object it looks up (update, delete: none creates one), and whose
// lookup an anonymous visitor cannot pass: its get_queryset filters by
// the requester (Notification.objects.filter(recipient=self.request.user)),
// its get_object returns the requester,
// or its check_object_permissions, which DRF's get_object calls, turns the
// request away.
func detailWritesGuarded(prog *taint.Program, v *access.View) bool {
	if v.Class == nil || prog.IsSubclass(v.Class, func(q string) bool {
		switch lastName(q) {
		case "CreateView", "BaseCreateView", "ModelViewSet", "CreateAPIView", "ListCreateAPIView", "CreateModelMixin":
			return true
		}
		return false
	}) {
		return false
	}
	if f := v.Class.Methods["check_object_permissions"]; f != nil && access.Denies(prog, f.Module, f.Def().Body, false) {
		return true
	}
	return requesterQueryset(v.Class) || requesterObject(v.Class)
}

// savesForRequester reports a create or update view (not a delete view)
// whose every save hook it defines (form_valid, perform_create,
// perform_update) first makes the requester the row's owner
// (form.instance.owner = self.request.user), or saves with the requester
// (serializer.save(owner=self.request.user)), and that defines one at
// least: Django refuses an AnonymousUser there, so no anonymous visitor's
// request writes.
func savesForRequester(prog *taint.Program, v *access.View) bool {
	if v.Class == nil || prog.IsSubclass(v.Class, func(q string) bool {
		switch lastName(q) {
		case "DeleteView", "BaseDeleteView", "DestroyAPIView", "RetrieveDestroyAPIView", "RetrieveUpdateDestroyAPIView", "DestroyModelMixin", "ModelViewSet":
			return true
		}
		return false
	}) {
		return false
	}
	n := 0
	for _, name := range []string{"form_valid", "perform_create", "perform_update"} {
		f := v.Class.Methods[name]
		if f == nil {
			continue
		}
		n++
		if !requesterFirst(f.Def().Body) {
			return false
		}
	}
	return n > 0
}

// requesterFirst reports a body that makes the requester the row's owner,
// or saves with the requester, before anything else saves.
func requesterFirst(body []python.Stmt) bool {
	for _, s := range body {
		if access.RequesterAssigned(s) {
			return true
		}
		withRequester, saves := false, false
		python.Inspect(s, func(n python.Node) bool {
			c, ok := n.(*python.Call)
			if !ok {
				return true
			}
			for _, k := range c.Keywords {
				if d := access.Dotted(k.Value); d == "request.user" || d == "self.request.user" {
					withRequester = true // serializer.save(owner=self.request.user)
				}
			}
			switch lastName(access.Dotted(c.Func)) {
			case "save", "create", "form_valid", "perform_create", "perform_update", "update":
				saves = true
			}
			return true
		})
		if withRequester {
			return true
		}
		if saves {
			return false
		}
	}
	return false
}

func writesByBase(prog *taint.Program, v *access.View) bool {
	if v.Class == nil {
		return false
	}
	return prog.IsSubclass(v.Class, func(q string) bool { return writesByBaseNames[lastName(q)] })
}

// writesByBaseNames are Django's and DRF's views and mixins that create,
// update or delete rows themselves.
var writesByBaseNames = map[string]bool{
	"CreateView": true, "UpdateView": true, "DeleteView": true, "BaseCreateView": true, "BaseUpdateView": true, "BaseDeleteView": true,
	"ModelViewSet": true, "CreateAPIView": true, "UpdateAPIView": true, "DestroyAPIView": true, "ListCreateAPIView": true,
	"RetrieveUpdateAPIView": true, "RetrieveDestroyAPIView": true, "RetrieveUpdateDestroyAPIView": true,
	"CreateModelMixin": true, "UpdateModelMixin": true, "DestroyModelMixin": true,
}
