// Package access decides, for every view the URL configuration routes to,
// who can reach it and how djsec knows: the attack-surface map that
// `djsec routes` prints and that the access-control rules read.
//
// The model is built once per scan (Project.Memo) from the parsed program
// of internal/taint and the settings of internal/settings:
//
//  1. The URLconf is walked from ROOT_URLCONF (or from every URLconf that no
//     other URLconf, and no function such as a CMS's hook, includes): path,
//     re_path and url entries, include() of modules (by name or imported)
//     and of lists, DRF routers, and wrappers of a view, of an include()
//     (decorator_include) or of a whole urlpatterns list (the entries it
//     holds when the wrapper is applied). Entries added only under
//     if settings.DEBUG (or DEV, TEST) are left out, and those under
//     if not settings.DEBUG kept: the map is of the production site. So
//     are the views that first refuse to answer unless settings.DEBUG is
//     on (a local stand-in for a storage service's uploads).
//  2. Each view collects guards. A guard is one thing that turns some
//     requests away, with the file and line that decides it: Django's
//     decorators and mixins, DRF permission and authentication classes
//     (their defaults from REST_FRAMEWORK), the views of libraries that
//     require a login themselves (django-two-factor-auth's SetupView and
//     kin), method_decorator, middleware
//     (LoginRequiredMiddleware with login_not_required, django-stronghold's
//     with @public, or project middleware that turns anonymous users away
//     or, authenticating by a header a proxy or client sets, turns away
//     requests without it and sets request.user, or keeps the paths under
//     some prefixes to users who pass a check: a guard of the routes under
//     those prefixes only), and the project's own decorators (functions,
//     or classes whose __call__ runs the view only when their check says
//     yes), mixins, base classes and helper functions, recognised by
//     what they do rather than by their names: a check of the user
//     (is_authenticated, is_staff, has_perm, a permission looked up in
//     get_all_permissions(), and, in a generic update, delete or detail
//     view whose handlers all run it, a get_object that turns away who
//     neither owns the object nor holds a permission), of a credential header
//     (an API key, a token, an HMAC signature; read there or by a project
//     function the request's headers are handed to:
//     verify_action_request(request.headers)) or of a signed value, tied to
//     a denial (401, 403 or 404, PermissionDenied, handle_no_permission(), a
//     redirect to the login page, or a project helper that does one of
//     those, also a method of the mixin's own: return
//     self.handle_not_authenticated()); a test_func or has_permission
//     that returns what the object answers of the user
//     (self.get_object().user_can_edit(self.request.user)) is a
//     permission check.
//  3. From the guards come the columns of a route: authentication,
//     permission, CSRF and throttling, each with where it was decided.
//
// A check only guards when it turns away those who lack what it checks:
// "if not user.is_authenticated: return redirect(login)" guards, while
// "if user.is_authenticated: return HttpResponseBadRequest()" keeps
// logged-in users out of a login page and guards nothing. A URL that
// carries a signed value or token the view checks is SignedURL; one whose
// unguessable uuid or key selects the object (ping URLs, callbacks, a
// primary key the model draws at random: uuid4, get_random_string) is
// Capability.
//
// A view is Open when nothing restricts it and everything that could have
// (decorators, base classes, permission classes, middleware) was seen and
// understood; anything djsec cannot see into (a third-party decorator with
// an access-sounding name, a permission computed at run time, settings it
// cannot evaluate) makes the view Unknown instead, and rules stay silent.
//
// StateChange is the one notion of "this request changes something" that
// the rules share: database, file, cache, session and cookie writes, shell
// commands, mail and login(), never in-memory updates nor outgoing HTTP
// requests.
package access
