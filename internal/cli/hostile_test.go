package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/djsec/djsec/internal/render"
	"github.com/djsec/djsec/internal/report"
)

// A hostile tree is written by whoever writes the repository: djsec runs on
// pull requests. TestHostileTrees scans each in a child process and checks
// what the user is promised: the scan ends (a hang fails the test after
// minutes, no speed is asserted), its peak memory stays under
// hostileMaxRSS, it exits 0 or 1, it writes a report in every format, the
// findings of the untouched part of the tree are all there, and each
// hostile file is named in the problems or the notes.
const hostileMaxRSS = 300 << 20

// canary is a small project with known findings that every hostile tree
// also holds, unless a case replaces its files.
var canary = map[string]string{
	"manage.py":        "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n",
	"shop/__init__.py": "",
	"shop/settings.py": "DEBUG = True\nSECRET_KEY = 'django-insecure-0123456789abcdefghijklmnopqrstuvwxyz'\nALLOWED_HOSTS = ['*']\n",
	"requirements.txt": "django==2.0\n",
}

// canaryRules are the rules the canary trips.
var canaryRules = []string{"DJS101", "DJS102", "DJD201"}

type hostileCase struct {
	name  string
	files map[string]string
	// setup makes what files cannot: FIFOs and symbolic links.
	setup func(t *testing.T, dir string)
	// named are the paths the problems or notes must name.
	named []string
	// want are rules that must report besides the canary's; lost are canary
	// rules the case takes away on purpose.
	want, lost []string
	// notes are texts some note must hold, in every format.
	notes []string
}

func hostileCases() []hostileCase {
	chain := func(link string, n int) string { return "x = a" + strings.Repeat(link, n) + "\n" }
	// numbered repeats text n times with @ replaced by the count
	numbered := func(text string, n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.ReplaceAll(text, "@", strconv.Itoa(i)))
		}
		return b.String()
	}
	elifs := func(n int) string {
		var b strings.Builder
		b.WriteString("if a == 0:\n    pass\n")
		for i := 1; i < n; i++ {
			fmt.Fprintf(&b, "elif a == %d:\n    pass\n", i)
		}
		return b.String()
	}
	// Classes that name each other as bases, and modules that import
	// each other's names by star: Python refuses the first and loops on
	// nothing with the second, but a walk through bases or star imports
	// that looks at a class or module more than once is exponential.
	cyclic := map[string]string{"shop/urls.py": "from django.urls import path\nfrom .cyc import views\n" +
		"urlpatterns = [path('a/', views.Final.as_view()), path('b/', views.Lost.as_view()), path('c/', views.v)]\n", "shop/cyc/__init__.py": ""}
	var classes, names []string
	for i := range 14 {
		names = append(names, fmt.Sprintf("C%d", i))
	}
	for i, n := range names {
		classes = append(classes, fmt.Sprintf("class %s(%s):\n    def get(self, request):\n        return self.check()\n",
			n, strings.Join(append(slices.Clone(names[:i]), names[i+1:]...), ", ")))
	}
	var stars strings.Builder
	for i := range 40 {
		fmt.Fprintf(&stars, "from .m%d import *\n", i)
	}
	for i := range 40 {
		cyclic[fmt.Sprintf("shop/cyc/m%d.py", i)] = stars.String()
	}
	cyclic["shop/cyc/views.py"] = "from django.views import View\nfrom .m0 import *\n" + strings.Join(classes, "\n") +
		"\nclass Final(View, " + strings.Join(names, ", ") + "):\n    pass\n\nclass Lost(Missing, Gone, Away):\n    pass\n" +
		strings.Repeat("@nope\n", 300) + "def v(request):\n    return None\n"
	return []hostileCase{
		{name: "cyclic bases and star imports", files: cyclic},
		// Each of these small trees made one analysis exponential (or
		// grew a value as a power of its size) until it kept a visited
		// set, a memo or a budget.
		{name: "settings that include themselves", files: map[string]string{
			"shop/settings.py": canary["shop/settings.py"] + "from split_settings.tools import include\ninclude('settings.py')\n"}},
		{name: "expressions evaluated twice", files: map[string]string{"shop/helpers.py": nested(26, "c", "(b if a == @ else c)") +
			nested(28, "x", "'%s' % (@,)") + nested(30, "x", `f"{@}"`) + nested(24, "x", "HttpResponse(x, content_type=@)") +
			"def view(request, p):\n    return " + strings.Repeat("p.submit(f, ", 80) + "request.GET" + strings.Repeat(")", 80) + "\n" +
			"def derived(url, other):\n    a = other.format(" + strings.Repeat("b, ", 60) + ")\n    b = other.format(" +
			strings.Repeat("a, ", 60) + ")\n    return a\n"}},
		{name: "doubling URL lists", files: map[string]string{"shop/urls.py": "from django.urls import path\nl0 = [path('a/', None)]\n" +
			seq(1, 30, "l%[1]d = l%[2]d + l%[2]d\n") + "urlpatterns = l30\n"}},
		{name: "YAML aliases of aliases", files: map[string]string{"deploy/template.yaml": "AWSTemplateFormatVersion: \"2010-09-09\"\n" +
			"Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      a0: &a0 [" + strings.Repeat("x, ", 9) + "x]\n" +
			seq(1, 9, "      a%[1]d: &a%[1]d ["+strings.Repeat("*a%[2]d, ", 9)+"*a%[2]d]\n"),
			"docker-compose.yml": "x-a0: &a0\n  foo: 1\n" + seq(1, 11, "x-a%[1]d: &a%[1]d\n  <<: ["+strings.Repeat("*a%[2]d, ", 7)+"*a%[2]d]\n") +
				"services:\n  web:\n    <<: [" + strings.Repeat("*a10, ", 7) + "*a10]\n    image: nginx\n"}},
		{name: "Terraform for expressions", files: map[string]string{"deploy/main.tf": "resource \"aws_s3_bucket\" \"b\" {\n  tags = " +
			nested(5, "1", "[for v in ["+seq(0, 99, "%[1]d,")+"] : @]") + "\n}\n"}},
		{name: "includes of includes", files: map[string]string{
			"shop/templates/a.html": `<form method="post">` + strings.Repeat(`{% include "b.html" %}`, 10) + "</form>",
			"shop/templates/b.html": strings.Repeat(`{% include "a.html" %}`, 10),
			"shop/urls.py":          "from django.urls import path, include\nurlpatterns = [\n" + strings.Repeat("    path('<slug:a>/', include('shop.urls')),\n", 14) + "]\n",
			"shop/pa.py":            "from shop import pb\nclass BasePermission(" + strings.Repeat("pb.BasePermission, ", 10) + "):\n    pass\n",
			"shop/pb.py":            "from shop import pa\nclass BasePermission(" + strings.Repeat("pa.BasePermission, ", 10) + "):\n    pass\n",
			"shop/views.py": "from django.shortcuts import render\nfrom rest_framework.views import APIView\nfrom shop import pa\n\n" +
				"class V(APIView):\n    permission_classes = [pa.BasePermission]\n\n    def get(self, request):\n        pass\n\n" +
				"def view(request):\n" + strings.Repeat("    ctx = ctx2\n", 20) + strings.Repeat("    ctx2 = ctx\n", 20) + "    return render(request, 'a.html', ctx)\n",
			"other/settings.py": "DEBUG = False\n\ndef f():\n    return " + strings.Repeat("f() + ", 11) + "f()\n\nX = f()\n",
		}},
		{name: "many nginx roots", files: nginxRoots(300, 450)},
		{name: "many cleaners and blocks", files: map[string]string{
			"shop/forms.py":             seq(0, 8000, "class F%[1]d:\n    def clean_x(self, v):\n        return v\n"),
			"shop/views.py":             "def view(request, form):\n" + strings.Repeat("    y = form.cleaned_data['x']\n", 8000) + "    return y\n",
			"shop/templates/forms.html": strings.Repeat(`<form method="post">`, 4000) + strings.Repeat("{% block b %}{% endblock %}", 4000),
		}},
		{name: "work repeated per use", files: map[string]string{
			"shop/dup.py":           strings.Repeat("def f(): pass\n", 20000),
			"requirements/base.txt": seq(0, 10000, "django>=1.%[1]d\n"),
			"shop/serializers.py": "class S(Serializer):\n    class Meta:\n        fields = [" + strings.Repeat("'a',", 60000) +
				"]\n        read_only_fields = [" + strings.Repeat("'b',", 60000) + "]\n",
			"shop/models.py": seq(0, 15000, "class M%[1]d(Model):\n    a = CharField()\n"),
			"shop/views.py": "def h(r):\n    x = [" + strings.Repeat("0,", 10000) + "]\n    return x\n\n" +
				"def view(request, x):\n" + strings.Repeat("    o.a = x\n", 15000) +
				strings.Repeat("    if request.user.is_authenticated:\n        return h(request)\n", 600) + "    return h(request)\n",
			"shop/urls.py":          "from django.urls import path\nfrom shop.views import view\nurlpatterns = [path('v/<x>/', view)]\n",
			"shop/templates/t.html": "{{ obj.a|safe }}{{ obj.bio|safe }}\n",
		}, want: []string{"DJT102@shop/templates/t.html"}},
		{name: "checks asked for again", files: map[string]string{
			"shop/models.py": "from django.db import models\n\ndef g():\n    x = [" + strings.Repeat("0,", 10000) + "]\n    return x\n\n" +
				"class Hero(models.Model):\n    key = models.CharField(max_length=10)\n\n    def save(self):\n" + strings.Repeat("        self.key = g()\n", 300),
			"shop/views.py": "from shop.models import Hero\n\ndef g2(r):\n    x = [" + strings.Repeat("0,", 20000) + "]\n    return None\n\n" +
				"def f(r):\n    return " + strings.Repeat("g2(r) or ", 200) + "g2(r)\n\n" +
				"def view(request, hero):\n" + strings.Repeat("    Hero.objects.get(key=hero)\n", 300) +
				"    if " + strings.Repeat("f(request) or ", 200) + "f(request):\n        pass\n    x = [" + strings.Repeat("0,", 50000) + "]\n    return None\n",
			"shop/urls.py": "from django.urls import path\nfrom shop.views import view\nurlpatterns = [\n" + seq(0, 5000, "    path('a%[1]d/<str:hero>/', view),\n") + "]\n",
		}},
		// At 10,000 calls this took 7 s, and four times as long at twice
		// as many: the function was walked again at every call.
		{name: "dictionary unpacked at many calls", files: map[string]string{"shop/views.py": "def view(request, d):\n" +
			strings.Repeat("    M.objects.create(**d)\n", 60000)}},
		// Each MD5 call asked of its function whether it signs a request
		// or handles a digest realm, walking the whole function: 20,000
		// calls in one function took 170 s, and 30,000 would take more
		// than twice as long.
		// Each cookie set from a name looked through the whole function
		// for what the name holds.
		{name: "many cookies set from names in one function", files: map[string]string{"shop/views.py": "from django.http import HttpResponse\n\n\ndef v(request):\n    r = HttpResponse()\n" +
			strings.Repeat("    role = roles.get(request.GET['k'])\n    r.set_cookie('role', role)\n", 20000) + "    return r\n"}},
		// Each dict an inclusion tag returns was read through the whole
		// function again: 20,000 returns took 6 s.
		{name: "many returns of an inclusion tag", files: map[string]string{
			"shop/templatetags/tags.py": "from django import template\n\nregister = template.Library()\n\n\n@register.inclusion_tag(\"shop/t.html\")\ndef t(c):\n    x = c.title\n" +
				strings.Repeat("    if c.n:\n        return {\"k\": x, \"e\": c.name}\n", 20000) + "    return {\"k\": x}\n",
			"shop/templatetags/__init__.py": "",
			"shop/templates/shop/t.html":    "{{ k|safe }} {{ e|safe }}\n"}},
		// A page of many code blocks, each holding a secret a generic
		// detector finds: hits times blocks would be quadratic.
		{name: "many code blocks of secrets in a page", files: map[string]string{"shop/templates/shop/docs.html": strings.Repeat(
			"<pre>api_token = \"7d1e4b9c2a6f8e3d5c0b7a9f1e2d4c6b\"</pre>\n<p>api_token = \"9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d\"</p>\n", 20000)}},
		{name: "many hashes in one function", files: map[string]string{"shop/tokens.py": "import hashlib\n\n\ndef tokens(x):\n" +
			strings.Repeat("    token = hashlib.md5(x.encode()).hexdigest()\n", 30000)}},
		// Each salt drawn with random was followed through its whole
		// function, to see whether it is only hashed into identifiers:
		// once per function and name now, not once per draw.
		{name: "many random salts in one function", files: map[string]string{"shop/ids.py": "import hashlib\nimport random\n\n\ndef ids(title):\n" +
			strings.Repeat("    salt = random.choice(title)\n", 30000) + "    doi_batch_id = hashlib.sha1((salt + title).encode()).hexdigest()\n    return doi_batch_id\n"}},
		// Each read of a form's cleaned_data looked through the whole
		// function for the form's class: 20,000 reads took 3.6 s, and
		// 150,000 (just under the size of a Python file djsec parses)
		// would take minutes.
		{name: "many reads of a form's cleaned data", files: map[string]string{
			"shop/views.py": "from django import forms\nfrom django.shortcuts import redirect\n\n\nclass F(forms.Form):\n    n = forms.IntegerField()\n\n\n" +
				"def v(request):\n    f = F(request.GET)\n" + strings.Repeat("    x=f.cleaned_data[\"n\"]\n", 150000) + "    return redirect(x)\n",
			"shop/urls.py": "from django.urls import path\n\nfrom shop import views\n\nurlpatterns = [path(\"v/\", views.v)]\n"}},
		// Each save of a row whose visits the view counts looked through
		// the whole view for the row's other changes: 10,000 saves took
		// 18 s.
		{name: "many counted saves in one view", files: map[string]string{
			"shop/models.py": "from django.db import models\n\n\nclass Item(models.Model):\n    views = models.IntegerField()\n",
			"shop/views.py": "from django.http import HttpResponse\nfrom django.shortcuts import get_object_or_404\n\nfrom .models import Item\n\n\n" +
				"def v(request, pk):\n    obj = get_object_or_404(Item, pk=pk)\n" + strings.Repeat("    obj.views += 1\n    obj.save()\n", 100000) + "    return HttpResponse()\n",
			"shop/urls.py": "from django.urls import path\n\nfrom shop import views\n\nurlpatterns = [path(\"v/<int:pk>/\", views.v)]\n"}},
		// Each lookup before a return for everyone but staff looked
		// through the statements up to it for a use of its row (20,000
		// lookups took 14 s), and each lookup of a row a view does not
		// scope to its owner walked the whole view three times (3,000
		// lookups took 3.3 s).
		{name: "many lookups before a staff check", files: map[string]string{
			"shop/models.py": "from django.contrib.auth.models import User\nfrom django.db import models\n\n\n" +
				"class Doc(models.Model):\n    owner = models.ForeignKey(User, on_delete=models.CASCADE)\n",
			"shop/views.py": "from django.contrib.auth.decorators import login_required\nfrom django.http import HttpResponse\n" +
				"from django.shortcuts import get_object_or_404\n\nfrom .models import Doc\n\n\n@login_required\ndef v(request, pk):\n" +
				strings.Repeat("    d = get_object_or_404(Doc, pk=pk)\n", 100000) +
				"    if not request.user.is_staff:\n        return HttpResponse(status=204)\n    return HttpResponse(str(d.pk))\n",
			"shop/urls.py": "from django.urls import path\n\nfrom shop import views\n\nurlpatterns = [path(\"v/<int:pk>/\", views.v)]\n"}},
		// Rows under as many names, each used once: 5,000 took 23 s.
		{name: "many rows looked up and used", files: map[string]string{
			"shop/models.py": "from django.contrib.auth.models import User\nfrom django.db import models\n\n\n" +
				"class Doc(models.Model):\n    owner = models.ForeignKey(User, on_delete=models.CASCADE)\n",
			"shop/views.py": "from django.contrib.auth.decorators import login_required\nfrom django.http import JsonResponse\n" +
				"from django.shortcuts import get_object_or_404\n\nfrom .models import Doc\n\n\n@login_required\ndef v(request, pk):\n    out = []\n" +
				numbered("    d@ = get_object_or_404(Doc, pk=pk)\n    out.append(d@.pk)\n", 50000) + "    return JsonResponse({\"a\": out})\n",
			"shop/urls.py": "from django.urls import path\n\nfrom shop import views\n\nurlpatterns = [path(\"v/<int:pk>/\", views.v)]\n"}},
		// Each block builds a row of the requester before it writes: the
		// writes after it are looked up among the blocks' spans, found
		// once per function.
		{name: "many blocks that bind the requester", files: map[string]string{
			"shop/models.py": "from django.contrib.auth.models import User\nfrom django.db import models\n\n\n" +
				"class Doc(models.Model):\n    owner = models.ForeignKey(User, on_delete=models.CASCADE)\n",
			"shop/views.py": "from django.http import HttpResponse\n\nfrom .models import Doc\n\n\ndef v(request, pk):\n" +
				numbered("    if request.POST.get(\"a@\"):\n        d@ = Doc(owner=request.user)\n        Doc.objects.filter(pk=pk).delete()\n", 20000) +
				"    return HttpResponse(status=204)\n",
			"shop/urls.py": "from django.urls import path\n\nfrom shop import views\n\nurlpatterns = [path(\"v/<int:pk>/\", views.v)]\n"}},
		// A long helper called many times leaving its parameter out: its
		// body is pruned once for the parameters left out, not at
		// every call.
		{name: "a long helper called many times with its defaults", files: map[string]string{
			"shop/models.py": "from django.db import models\n\n\nclass Doc(models.Model):\n    n = models.IntegerField()\n",
			"shop/views.py": "from django.http import HttpResponse\nfrom django.views import View\n\nfrom .models import Doc\n\n\n" +
				"def h(x=None):\n" + strings.Repeat("    if x:\n        Doc.objects.filter(pk=1).delete()\n", 20000) + "    return 1\n\n\n" +
				"def v(request):\n" + strings.Repeat("    h()\n", 20000) + "    return HttpResponse(status=204)\n\n\n" +
				"class G(View):\n    def h(self, x=None):\n" + strings.Repeat("        if x:\n            Doc.objects.filter(pk=1).delete()\n", 20000) +
				"        return HttpResponse(status=204)\n\n    def get(self, request):\n" + strings.Repeat("        self.h()\n", 20000) +
				"        return self.h()\n",
			"shop/urls.py": "from django.urls import path\n\nfrom shop import views\n\nurlpatterns = [path(\"v/\", views.v), path(\"g/\", views.G.as_view())]\n"}},
		// A method returning a class's long list under as many names:
		// each reference reads the class's list again (quadratic, 1.3 s).
		{name: "a class list read through self many times", files: map[string]string{
			"shop/views.py": "import json\nfrom django.shortcuts import render\nfrom django.views import View\n\n\nclass P(View):\n" +
				"    months = [" + strings.Repeat("1, ", 20000) + "]\n\n    def data(self):\n        return [" + strings.Repeat("self.months, ", 20000) + "]\n\n" +
				"    def get(self, request):\n        return render(request, \"shop/p.html\", {\"x\": json.dumps(self.data())})\n",
			"shop/urls.py":               "from django.urls import path\n\nfrom shop import views\n\nurlpatterns = [path(\"p/\", views.P.as_view())]\n",
			"shop/templates/shop/p.html": "<script>var x = {{ x|safe }};</script>\n"}},
		// A context key set many times in one view, each to a file read
		// from disk: what the view binds is gathered once, not per read.
		{name: "many file reads set to one key", files: map[string]string{
			"shop/views.py": "import json\nfrom django.shortcuts import render\n\n\ndef load(path):\n    with open(path) as fh:\n        return json.load(fh)\n\n\n" +
				"def v(request):\n    ctx = {}\n" + numbered("    with open(\"/srv/p@.json\") as f@:\n        ctx[\"doc\"] = json.load(f@)\n    p@ = \"/srv/q@.json\"\n    ctx[\"doc\"] = load(p@)\n", 20000) +
				"    return render(request, \"shop/d.html\", ctx)\n",
			"shop/urls.py":               "from django.urls import path\n\nfrom shop import views\n\nurlpatterns = [path(\"d/\", views.v)]\n",
			"shop/templates/shop/d.html": "<p>{{ doc.title|safe }}</p>\n"}},
		// A model of many text fields, each with its own generating
		// default: the module's functions are found with one scan, not
		// searched for at each field.
		{name: "many fields with generated defaults", files: map[string]string{
			"shop/models.py": "from uuid import uuid4\n\nfrom django.db import models\n\n\n" +
				numbered("def g@():\n    return uuid4().hex\n\n\n", 20000) +
				"class M(models.Model):\n" + numbered("    f@ = models.CharField(max_length=32, default=g@)\n", 20000),
			"shop/templates/shop/m.html": "<button onclick=\"go('{{ m.f1 }}')\">go</button>\n"}},
		// Many bare fetches without certificate checks in one function:
		// each looks for how its answer is read.
		{name: "many unverified fetches in one function", files: map[string]string{
			"shop/checks.py": "import requests\n\n\ndef up(u):\n" +
				numbered("    r@ = requests.head(u, verify=False)\n    r@.raise_for_status()\n", 20000) + "    return True\n"}},
		// Functions returning the largest of many calls of the next, the
		// last a literal: with max's arguments judged at its own depth,
		// 25 million judgements took 5 s; several arguments cost a step.
		{name: "functions returning the largest of many calls of the next", files: map[string]string{
			"shop/views.py": "import json\nfrom django.shortcuts import render\n\n\n" +
				"def f1():\n    return max(" + strings.Repeat("f2(), ", 5000) + ")\n\n\n" +
				"def f2():\n    return max(" + strings.Repeat("f3(), ", 5000) + ")\n\n\n" +
				"def f3():\n    return 1\n\n\n" +
				"def page(request):\n    return render(request, \"shop/p.html\", {\"x\": json.dumps(f1())})\n",
			"shop/urls.py":               "from django.urls import path\n\nfrom shop import views\n\nurlpatterns = [path(\"p/\", views.page)]\n",
			"shop/templates/shop/p.html": "<script>var x = {{ x|safe }};</script>\n"}},
		// Each nested {% autoescape off %} was reported on its own, and
		// each block in each asked every child again: 450 levels and 200
		// blocks took 4 s; 4,000 levels and 2,000 blocks 50 s.
		{name: "nested autoescape off around many blocks", files: autoescapeBlocks(10000, 5000, 20)},
		// A context processor's dict spreads the dicts of the functions
		// it calls; each spreads the next many times over.
		{name: "context processors spreading each other", files: map[string]string{
			"shop/settings.py": canary["shop/settings.py"] + "TEMPLATES = [{\"BACKEND\": \"django.template.backends.django.DjangoTemplates\", " +
				"\"OPTIONS\": {\"context_processors\": [\"shop.processors.f300\"]}}]\nROOT_URLCONF = \"shop.urls\"\n",
			"shop/processors.py": "def f0(request):\n    return {\"k\": 1}\n" +
				seq(1, 300, "def f%[1]d(request):\n    return {"+strings.Repeat("**f%[2]d(request), ", 30)+"\"k%[1]d\": request.GET.get(\"k\")}\n"),
			"shop/views.py":              "from django.shortcuts import render\n\n\ndef page(request):\n    return render(request, \"shop/p.html\", {})\n",
			"shop/urls.py":               "from django.urls import path\n\nfrom shop import views\n\nurlpatterns = [path(\"p/\", views.page)]\n",
			"shop/templates/shop/p.html": "<p>{{ k1|safe }}</p>\n"}},
		{name: "chain of configuration classes", files: map[string]string{"other/settings.py": configChain(10000, 5000)}},
		{name: "URLconfs of many helpers and includes", files: urlconfs(8, 20000, 1000)},
		{name: "long chains of classes", files: map[string]string{"shop/classes.py": "from django.views import View\n" +
			"class C2000:\n    pass\n" + seq(1, 2000, "class C%[3]d(C%[4]d):\n    pass\n") +
			seq(0, 40, "class V%[1]d(View, C0):\n    pass\n") +
			"class A(" + seq(0, 3000, "B%[1]d, ") + "):\n    def get(self, request):\n" + strings.Repeat("        self.nope()\n", 1000) +
			seq(0, 3000, "class B%[1]d:\n    pass\n")}},
		{name: "attribute chain", files: map[string]string{"shop/views.py": chain(".b", 450000)}, named: []string{"shop/views.py"}},
		{name: "call chain", files: map[string]string{"shop/views.py": chain("()", 300000)}, named: []string{"shop/views.py"}},
		{name: "subscript chain", files: map[string]string{"shop/views.py": chain("[0]", 300000)}, named: []string{"shop/views.py"}},
		{name: "operator chain", files: map[string]string{"shop/views.py": chain("+1", 450000)}, named: []string{"shop/views.py"}},
		{name: "elif chain", files: map[string]string{"shop/views.py": elifs(60000)}, named: []string{"shop/views.py"}},
		{name: "import name", files: map[string]string{"shop/views.py": "import a" + strings.Repeat(".a", 400000) + "\n"}},
		{name: "many deep statements", files: map[string]string{"shop/views.py": "def view(request):\n" +
			strings.Repeat("    y = request.GET"+strings.Repeat(".b", 2900)+"\n", 150) + "    return y\n"}},
		{name: "deep settings expression", files: map[string]string{"other/settings.py": "DEBUG = True\nSECRET_KEY = 'x'" + strings.Repeat(" + 'x'", 200000) + "\n"},
			named: []string{"other/settings.py"}},
		// A comprehension in the element of another multiplies their
		// lengths: three nested over 4,000 items are 64 billion.
		{name: "nested comprehensions", files: map[string]string{"other/settings.py": "DEBUG = True\nSECRET_KEY = 'x'\nL = [" +
			strings.Repeat("1, ", 4000) + "]\nX = [[[a for a in L] for b in L] for c in L]\n"}, named: []string{"other/settings.py"}},
		// Each call handing a response to a helper read the helper's
		// body for the content type it sets.
		{name: "a response handed many times to a long helper", files: map[string]string{"shop/views.py": "from django.http import HttpResponse\n\n\n" +
			"def mark(r):\n" + strings.Repeat("    r[\"X-A\"] = \"a\"\n", 20000) + "    r[\"Content-Type\"] = \"text/plain\"\n\n\n" +
			"def view(request):\n    response = HttpResponse(request.GET[\"q\"])\n" + strings.Repeat("    mark(response)\n", 20000) + "    return response\n"}},
		{name: "doubling string", files: map[string]string{"other/settings.py": "A = 'xx'\n" + strings.Repeat("A = A + A\n", 64) + "SECRET_KEY = A\n"}},
		{name: "doubling list", files: map[string]string{"other/settings.py": "A = [1]\n" + strings.Repeat("A = A + A\nA.extend(A)\n", 64) + "INSTALLED_APPS = A\n"}},
		{name: "growing settings", files: map[string]string{"other/settings.py": "A = []\n" + strings.Repeat("A = A + ['abcdefgh']\n", 60000)},
			notes: []string{"settings evaluation stopped"}},
		{name: "nested values", files: map[string]string{"other/settings.py": "A = []\n" + strings.Repeat("A = [A]\n", 20000) +
			"D = {}\n" + strings.Repeat("D = {'k': D}\n", 20000) + "INSTALLED_APPS = A\nDATABASES = D\nLOGGING = D\nX = A == A\n"}},
		{name: "shared halves", files: map[string]string{"other/settings.py": "A = ['x']\n" + strings.Repeat("A = [A, A]\n", 80) +
			"INSTALLED_APPS = A\nDATABASES = {'default': {'OPTIONS': A}}\nMIDDLEWARE = A\n"}},
		{name: "format bomb", files: map[string]string{"other/settings.py": "A = 'x' * 60000\nB = '" + strings.Repeat("{0}", 100000) + "'.format(A)\n"}},
		{name: "one-line list", files: map[string]string{"shop/data.py": "DATA = [" + strings.Repeat("'abc', ", 2200000) + "]\n"}},
		{name: "one-line list in settings", files: map[string]string{"other/settings.py": "ALLOWED_HOSTS = [" + strings.Repeat("'abc', ", 2200000) + "]\n"},
			named: []string{"other/settings.py"}},
		{name: "large list in settings", files: map[string]string{"other/settings.py": "ALLOWED_HOSTS = [" + strings.Repeat("'abc', ", 500000) + "]\n"}},
		{name: "nested TOML", files: map[string]string{"pyproject.toml": "[tool.x]\na = " + strings.Repeat("{b=", 10000) + "1" + strings.Repeat("}", 10000) + "\n"},
			named: []string{"pyproject.toml"}},
		{name: "nested JSON lock", files: map[string]string{"Pipfile.lock": strings.Repeat(`{"a":`, 100000) + "1" + strings.Repeat("}", 100000)}, named: []string{"Pipfile.lock"}},
		{name: "huge requirements", files: map[string]string{"requirements/all.txt": strings.Repeat("pkg==1.0\n", 1500000)}, named: []string{"requirements/all.txt"}},
		{name: "large configuration files", files: map[string]string{
			"docker-compose.yml": "services:\n  web:\n    environment:\n" + strings.Repeat("      - DJANGO_SETTINGS_MODULE=shop.settings\n", 300000),
			"deploy/nginx.conf":  "http {\n" + strings.Repeat("server { listen 80; location / { proxy_pass http://x; } }\n", 30000) + "}\n",
			".env":               strings.Repeat("SECRET_KEY=abc\n", 300000),
		}, named: []string{"docker-compose.yml", "deploy/nginx.conf", ".env"}},
		{name: "large YAML data", files: map[string]string{
			"k8s/big.yaml": "apiVersion: v1\nkind: ConfigMap\ndata:\n" + strings.Repeat("  k: v\n", 500000),
		}},
		{name: "nginx just under the caps", files: map[string]string{
			"deploy/nginx.conf": "http {\n" + strings.Repeat("server { listen 80; location / { proxy_pass http://x; } }\n", 8000) + "}\n",
		}},
		{name: "nested YAML", files: map[string]string{
			"k8s/deploy.yaml":    "apiVersion: v1\nkind: Pod\nspec: " + strings.Repeat("[", 50000) + strings.Repeat("]", 50000) + "\n",
			"docker-compose.yml": "services: " + strings.Repeat("{a: ", 50000) + "1" + strings.Repeat("}", 50000) + "\n",
		}, named: []string{"docker-compose.yml"}},
		{name: "deep folders", setup: func(t *testing.T, dir string) {
			p := dir
			var patterns strings.Builder
			for i := range 200 {
				fmt.Fprintf(&patterns, "p%d_*\n**/**/**/q%d/**/**/**/r\n", i, i)
			}
			for range 150 {
				p = filepath.Join(p, "d")
				os.MkdirAll(p, 0o755)
				os.WriteFile(filepath.Join(p, ".gitignore"), []byte(patterns.String()), 0o644)
				os.WriteFile(filepath.Join(p, "a.py"), []byte("x = 1\n"), 0o644)
			}
		}, named: []string{"d/d/d/d/d"}},
		{name: "gitignore of many stars", files: map[string]string{
			".gitignore":                      strings.Repeat("**/x/", 2000) + "z\n" + strings.Repeat("*a", 5000) + "b\n",
			strings.Repeat("x/", 60) + "y.py": "x = 1\n",
		}},
		{name: "large template", files: map[string]string{"shop/templates/shop/big.html": strings.Repeat("<div>{% if a %}{{ b }}{% endif %}", 40000)}, named: []string{"shop/templates/shop/big.html"}},
		// Each property a template marks safe that the filter index was
		// not built from is looked for in the files it left unread: one
		// index of their definitions, not a search of every file for
		// each of 5,000 names.
		{name: "many unknown properties marked safe", files: manyProperties(5000, 200)},
		// A field a model's method fills from another is looked up in one
		// index by name, not by a pass over every model for each value.
		{name: "many derived fields marked safe", files: manyDerived(4000, 20000)},
		// A loop's value marked safe in each of 20,000 branches of one if:
		// the loops around a value are found by binary search, and the
		// names the template binds once (found again for each value, they took
		// 116 s).
		{name: "many branches marking a loop's value safe", files: map[string]string{
			"shop/templates/shop/elif.html": "{% for k, values in a.items %}{% if q %}{{ values.w|safe }}" +
				numbered("{% elif q@ %}{{ values.w|safe }}", 20000) + "{% endif %}{% endfor %}{% for k, values in b.items %}{% endfor %}",
			"shop/views.py": "from django.shortcuts import render\ndef v(request):\n    return render(request, \"shop/elif.html\", {\"a\": {}, \"b\": request.GET})\n",
		}},
		{name: "deep template", files: map[string]string{"shop/templates/shop/deep.html": strings.Repeat("{% if a %}<div>", 30000) + strings.Repeat("</div>{% endif %}", 30000)},
			named: []string{"shop/templates/shop/deep.html"}},
		{name: "fifos", setup: func(t *testing.T, dir string) {
			for _, n := range []string{".djsec.toml", ".gitignore", "shop/local_settings.py", "poetry.lock", "shop/templates/x.html"} {
				mkfifoOrSkip(t, filepath.Join(dir, n))
			}
		}, named: []string{".djsec.toml", ".gitignore", "shop/local_settings.py", "poetry.lock", "shop/templates/x.html"}},
		{name: "links out of the tree", setup: func(t *testing.T, dir string) {
			symlinkOrSkip(t, "/etc", filepath.Join(dir, "etc"))
			symlinkOrSkip(t, "/etc/passwd", filepath.Join(dir, "shop/passwd.py"))
			symlinkOrSkip(t, "/proc/self/environ", filepath.Join(dir, ".env"))
		}, named: []string{"etc", "shop/passwd.py", ".env"}},
		{name: "many links out of the tree", setup: func(t *testing.T, dir string) {
			for i := range 500 {
				symlinkOrSkip(t, "/etc", filepath.Join(dir, fmt.Sprintf("links/l%d", i)))
			}
		}, notes: []string{"480 more symbolic links lead out of the scanned tree"}},
		{name: "link inside the tree", files: map[string]string{"reqs/pip.txt": "requests==2.0.0\ndjango==1.11\n", "requirements.txt": "django==2.0\n-r requirements/pip.txt\n"},
			setup: func(t *testing.T, dir string) {
				symlinkOrSkip(t, "reqs", filepath.Join(dir, "requirements"))
				symlinkOrSkip(t, "..", filepath.Join(dir, "shop/loop"))
			}, want: []string{"DJD201@reqs/pip.txt"}},
		{name: "lost settings module", files: map[string]string{
			"manage.py":                   "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings.production')\n",
			"shop/settings.py":            "",
			"shop/settings/__init__.py":   "",
			"shop/settings/base.py":       "DEBUG = True\nx = (\n",
			"shop/settings/production.py": "from .base import *\nSECRET_KEY = 'django-insecure-0123456789abcdefghijklmnopqrstuvwxyz'\n",
		}, named: []string{"shop/settings/base.py"}, lost: []string{"DJS101"}, notes: []string{"could not decide on shop.settings.production", "audited without what these modules it imports set"}},
		{name: "control characters in names", files: map[string]string{
			"shop/templates/\x1b]0;pwned\x07\x1b[2J.html": "{{ a|safe }}",
			"shop/templates/two\nlines.html":              "{{ b|safe }}",
			"shop/templates/var.html":                     "{{ c\x1b[8m|safe }}",
			"shop/settings_\u202eyp.local.py":             "DEBUG = True\nx = (\n",
		}, want: []string{"DJT102@shop/templates/\x1b]0;pwned\x07\x1b[2J.html", "DJT102@shop/templates/two\nlines.html"},
			named: []string{"shop/settings_\u202eyp.local.py"}},
		{name: "configuration in the tree", files: map[string]string{
			".djsec.toml": "disable = [\"DJS103\"]\nexclude = [\"legacy/**\"]\n",
			"legacy/a.py": "x = 1\n", "legacy/b.py": "y = 2\n",
		}, named: []string{".djsec.toml"}, notes: []string{"disables rules DJS103", "excludes legacy/**", "its exclude patterns left 2 files out of the scan"}},
	}
}

// nested writes format n times, each time around what it made so far,
// from seed ("(b if a == @ else c)": the @ takes the inner text), as the
// body of a function of its own.
func nested(n int, seed, format string) string {
	e := seed
	for range n {
		e = strings.Replace(format, "@", e, 1)
	}
	return fmt.Sprintf("def helper%d(a, b, c, x):\n    return %s\n", len(e), e)
}

// seq writes format for each i from first to last: %[1]d is i, %[2]d is
// i-1, %[3]d is 2000-i, %[4]d is 2001-i.
func seq(first, last int, format string) string {
	var b strings.Builder
	for i := first; i <= last; i++ {
		fmt.Fprintf(&b, format, i, i-1, 2000-i, 2001-i)
	}
	return b.String()
}

// urlconfs is n URLconf modules that include each other, each holding a
// padding list of pad elements, and one more whose urlpatterns m helpers
// wrap, m times over.
func urlconfs(n, pad, m int) map[string]string {
	files := map[string]string{"shop/views.py": "def v(request, a):\n    return None\n",
		"shop/urls.py": "from django.urls import path, include\nurlpatterns = [path('', include('shop.u0')), path('w/', include('shop.wrapped'))]\n",
		"shop/wrapped.py": "from django.urls import path\nfrom shop import views\nurlpatterns = [\n" + seq(0, m, "    path('a%[1]d/', views.v),\n") +
			"]\n" + strings.Repeat("f(urlpatterns, a)\n", m)}
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "from django.urls import path, include\nfrom shop import views\nPAD = [%s]\nurlpatterns = [\n    path('<slug:a>/', views.v),\n", strings.Repeat("0,", pad))
		for j := range n {
			if j != i {
				fmt.Fprintf(&b, "    path('m%d/', include('shop.u%d')),\n", j, j)
			}
		}
		b.WriteString("]\n")
		files[fmt.Sprintf("shop/u%d.py", i)] = b.String()
	}
	return files
}

// autoescapeBlocks is a template with blocks blocks inside levels nested
// {% autoescape off %} tags, and children templates that extend it.
func autoescapeBlocks(levels, blocks, children int) map[string]string {
	files := map[string]string{"shop/templates/base.html": strings.Repeat("{% autoescape off %}", levels) +
		strings.Repeat("{% block b %}{% endblock %}\n", blocks) + strings.Repeat("{% endautoescape %}", levels)}
	for i := range children {
		files[fmt.Sprintf("shop/templates/c%d.html", i)] = "{% extends \"base.html\" %}\n{% block b %}{{ x }}{% endblock %}\n" +
			strings.Repeat("{{ x }}", 2000)
	}
	return files
}

// configChain is a django-configurations module: a class of names names,
// a chain of depth classes each deriving from the one before, and a class
// of three of them. Every class of the chain copied every name of its
// base: 3.5 GB and 25 s, and every class was asked along the chain whether
// it is a model, a form or a serializer.
func configChain(names, depth int) string {
	var b strings.Builder
	b.WriteString("from configurations import Configuration\n\nclass C0(Configuration):\n    DEBUG = False\n")
	for i := range names {
		fmt.Fprintf(&b, "    A%d = 0\n", i)
	}
	for i := range depth {
		fmt.Fprintf(&b, "\nclass C%d(C%d):\n    B%d = A%d\n", i+1, i, i, i%names)
	}
	fmt.Fprintf(&b, "\nclass M(C%d, C%d, C0):\n    pass\n", depth, depth/2)
	return b.String()
}

// nginxRoots is n small nginx files that each include one large one.
func nginxRoots(n, m int) map[string]string {
	files := map[string]string{"deploy/nginx/inc/a.conf": strings.Repeat("include inc/b.conf;\n", m),
		"deploy/nginx/inc/b.conf": strings.Repeat("server_tokens on;\n", m)}
	for i := range n {
		files[fmt.Sprintf("deploy/nginx/site%d.conf", i)] = "http { include inc/a.conf; }\n"
	}
	return files
}

func TestHostileTrees(t *testing.T) {
	if os.Getenv("DJSEC_HOSTILE_DIR") != "" {
		t.Skip("in a child scan")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range hostileCases() {
		t.Run(c.name, func(t *testing.T) {
			dir, out := t.TempDir(), t.TempDir()
			files := map[string]string{}
			for k, v := range canary {
				files[k] = v
			}
			for k, v := range c.files {
				files[k] = v
			}
			for name, body := range files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if c.setup != nil {
				c.setup(t, dir)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, exe, "-test.run=^TestHostileChild$")
			cmd.Env = append(os.Environ(), "DJSEC_HOSTILE_DIR="+dir, "DJSEC_HOSTILE_OUT="+out, "GOMAXPROCS=2")
			msg, err := cmd.CombinedOutput()
			if ctx.Err() != nil {
				t.Fatalf("the scan did not end within minutes: %s", msg)
			}
			if err != nil {
				t.Fatalf("child: %v\n%s", err, msg)
			}
			rss := childPeak(out, cmd.ProcessState)
			t.Logf("peak memory %d MB", rss>>20)
			if rss > hostileMaxRSS {
				t.Errorf("peak memory %d MB, want under %d MB", rss>>20, hostileMaxRSS>>20)
			}
			checkHostileReport(t, c, out)
		})
	}
}

func checkHostileReport(t *testing.T, c hostileCase, out string) {
	t.Helper()
	status, _ := os.ReadFile(filepath.Join(out, "status"))
	if s := strings.TrimSpace(string(status)); s != "0" && s != "1" {
		t.Fatalf("exit status %q, want 0 or 1", s)
	}
	for _, f := range []string{"report.text", "report.sarif", "report.html"} {
		if info, err := os.Stat(filepath.Join(out, f)); err != nil || info.Size() == 0 {
			t.Errorf("%s: missing or empty", f)
		}
	}
	// The text report goes to terminals: whatever the tree's names and
	// contents hold, it carries no control character but its line breaks.
	if text, err := os.ReadFile(filepath.Join(out, "report.text")); err == nil {
		for i, c := range text {
			if c < 0x20 && c != '\n' || c == 0x7f {
				t.Errorf("report.text holds control character %#x at byte %d: %q", c, i, text[max(0, i-40):min(len(text), i+40)])
				break
			}
		}
	}
	data, err := os.ReadFile(filepath.Join(out, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r report.Report
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("report.json: %v", err)
	}
	found := map[string]bool{}
	for _, f := range r.Findings {
		found[f.Rule] = true
		found[f.Rule+"@"+f.Location.Path] = true
	}
	for _, want := range append(append([]string{}, canaryRules...), c.want...) {
		lost := false
		for _, l := range c.lost {
			lost = lost || l == want
		}
		if !lost && !found[want] {
			t.Errorf("finding %s is missing: the hostile files cost the rest of the tree", want)
		}
	}
	var said []string
	for _, p := range r.Problems {
		said = append(said, p.Location.Path+": "+p.Message)
		if strings.Contains(p.Message, "internal error") {
			t.Errorf("problem: %s", p.Message)
		}
	}
	said = append(said, r.Notes...)
	all := strings.Join(said, "\n")
	for _, n := range c.named {
		if !strings.Contains(all, n) {
			t.Errorf("%s is named in no problem or note:\n%s", n, all)
		}
	}
	for _, note := range c.notes {
		if !strings.Contains(strings.Join(r.Notes, "\n"), note) {
			t.Errorf("no note says %q:\n%s", note, strings.Join(r.Notes, "\n"))
		}
		// The notes reach every format, not only JSON.
		for _, f := range []string{"report.text", "report.sarif", "report.html"} {
			if data, _ := os.ReadFile(filepath.Join(out, f)); !strings.Contains(string(data), note) {
				t.Errorf("%s does not say %q", f, note)
			}
		}
	}
}

// TestHostileChild is the child side of TestHostileTrees: it scans
// DJSEC_HOSTILE_DIR and writes the report in every format, and the exit
// status, to DJSEC_HOSTILE_OUT.
func TestHostileChild(t *testing.T) {
	dir, out := os.Getenv("DJSEC_HOSTILE_DIR"), os.Getenv("DJSEC_HOSTILE_OUT")
	if dir == "" {
		t.Skip("run by TestHostileTrees")
	}
	sf := scanFlags{outputFlags: outputFlags{format: "json"}}
	r, enabled, sh, err := scan(&env{stdout: io.Discard, stderr: io.Discard}, dir, &sf)
	if err != nil {
		t.Fatalf("scan: %v", err)
	}
	for _, format := range []string{"text", "json", "sarif", "html"} {
		if err := writeReport(&env{}, r, enabled, &outputFlags{format: format, output: filepath.Join(out, "report."+format)}, render.SARIFOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(out, "status"), []byte(fmt.Sprint(exitStatus(r, sh.failOn))), 0o644); err != nil {
		t.Fatal(err)
	}
	if hwm := vmHWM(); hwm != "" {
		os.WriteFile(filepath.Join(out, "peak"), []byte(hwm), 0o644)
	}
}

// childPeak is the child's peak resident memory: VmHWM, which the child
// reads from /proc at its end (exec starts it afresh), or else the
// rusage's maximum, which on Linux also counts the parent's memory at the
// fork and so only bounds the child's from above.
func childPeak(out string, ps *os.ProcessState) int64 {
	if data, err := os.ReadFile(filepath.Join(out, "peak")); err == nil {
		var kb int64
		if _, err := fmt.Sscan(strings.TrimSpace(string(data)), &kb); err == nil && kb > 0 {
			return kb << 10
		}
	}
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok && runtime.GOOS == "linux" {
		return ru.Maxrss << 10 // kilobytes on Linux
	}
	return 0
}

// vmHWM reads this process's peak resident memory in kilobytes from
// /proc/self/status, or "" where there is none.
func vmHWM() string {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return ""
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB"))
		}
	}
	return ""
}

func mkfifoOrSkip(t *testing.T, path string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := mkfifo(path); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
}

func symlinkOrSkip(t *testing.T, target, link string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(link), 0o755)
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

// manyProperties is a project whose template marks safe n properties of
// as many methods, spread over files modules that escape nothing.
// manyDerived makes n models that each fill a field from another in a
// method, and a template that marks m values of an unknown model safe.
func manyDerived(n, m int) map[string]string {
	var mod, tpl strings.Builder
	mod.WriteString("from django.db import models\n")
	for i := range n {
		fmt.Fprintf(&mod, "class M%d(models.Model):\n    a = models.TextField()\n    b%d = models.TextField()\n"+
			"    def render(self):\n        self.b%d = self.a\n", i, i, i)
	}
	for i := range m {
		fmt.Fprintf(&tpl, "{{ o.b%d|safe }}\n", i%n)
	}
	return map[string]string{"shop/models.py": mod.String(), "shop/templates/shop/derived.html": tpl.String(),
		"shop/forms.py": "from django import forms\nfrom .models import M0\nclass AForm(forms.ModelForm):\n    class Meta:\n        model = M0\n        fields = [\"a\"]\n",
		"shop/views.py": "from .forms import AForm\ndef add(request):\n    AForm(request.POST).save()\n"}
}

func manyProperties(n, files int) map[string]string {
	out := map[string]string{}
	var tpl strings.Builder
	mods := make([]strings.Builder, files)
	for i := range mods {
		mods[i].WriteString("class C:\n")
	}
	for i := range n {
		fmt.Fprintf(&tpl, "{{ o.p%d|safe }}\n", i)
		fmt.Fprintf(&mods[i%files], "    def p%d(self):\n        return self.x\n", i)
	}
	out["shop/templates/shop/many.html"] = tpl.String()
	for i := range mods {
		out[fmt.Sprintf("shop/m%d.py", i)] = mods[i].String()
	}
	return out
}
