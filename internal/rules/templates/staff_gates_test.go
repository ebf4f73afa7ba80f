package templates

import (
	"maps"
	"testing"

	"github.com/djsec/djsec/internal/report"
)

// TestStaffGatedWriters checks that what only views behind a staff or role
// gate write is the editors', as the admin's is: a decorator set to
// user_passes_test of a role check, one a factory of another module makes
// (admin_required("board")), and a mixin whose test_func returns a role.
// Gates that every member passes (is_authenticated, is_active) leave the
// fields reported.
func TestStaffGatedWriters(t *testing.T) {
	base := map[string]string{
		"board/__init__.py": "",
		"board/models.py": "from django.db import models\n\n\nclass Notice(models.Model):\n    body = models.TextField()\n    banner = models.TextField()\n" +
			"    title = models.TextField()\n",
		"board/forms.py": "from django import forms\n\nfrom .models import Notice\n\n\n" +
			"class TitleForm(forms.ModelForm):\n    class Meta:\n        model = Notice\n        fields = [\"title\"]\n",
		"board/auth.py": "from django.contrib.auth.decorators import user_passes_test\n\n\n" +
			"def admin_required(group):\n    def in_group(user):\n        return user.is_authenticated and user.has_admin_permission(group)\n\n" +
			"    return user_passes_test(in_group)\n\n\nboard_admin_required = admin_required(\"board\")\n",
		"board/templates/board/notice.html": "<p>{{ notice.body|safe }}</p>\n<p>{{ notice.banner|safe }}</p>\n<p>{{ notice.title|safe }}</p>\n",
	}
	views := func(bodyCheck, mixinCheck string) string {
		return "from django.contrib.auth.decorators import user_passes_test\nfrom django.contrib.auth.mixins import UserPassesTestMixin\n" +
			"from django.shortcuts import get_object_or_404, redirect, render\nfrom django.views.generic import UpdateView\n\n" +
			"from .auth import board_admin_required\nfrom .forms import TitleForm\nfrom .models import Notice\n\n" +
			"notice_admin_required = user_passes_test(lambda u: " + bodyCheck + ")\n\n\n" +
			"@notice_admin_required\ndef edit_body(request, pk):\n    notice = get_object_or_404(Notice, pk=pk)\n" +
			"    notice.body = request.POST[\"body\"]\n    notice.save()\n    return redirect(\"/\")\n\n\n" +
			"@board_admin_required\ndef edit_banner(request, pk):\n    notice = get_object_or_404(Notice, pk=pk)\n" +
			"    notice.banner = request.POST[\"banner\"]\n    notice.save()\n    return redirect(\"/\")\n\n\n" +
			"class ManagerMixin(UserPassesTestMixin):\n    def test_func(self):\n        return " + mixinCheck + "\n\n\n" +
			"class TitleEdit(ManagerMixin, UpdateView):\n    model = Notice\n    form_class = TitleForm\n\n\n" +
			"def show(request, pk):\n    return render(request, \"board/notice.html\", {\"notice\": get_object_or_404(Notice, pk=pk)})\n"
	}
	for _, tc := range []struct {
		name, bodyCheck, mixinCheck string
		body, title                 report.Severity
	}{
		{"role gates", "u.is_authenticated and u.has_admin_permission(\"notices\")", "self.request.user.is_admin_or_manager", report.Low, report.Low},
		{"member gates", "u.is_authenticated", "self.request.user.is_active", report.Medium, report.Medium},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := maps.Clone(base)
			files["board/views.py"] = views(tc.bodyCheck, tc.mixinCheck)
			got := severities(t, siteTree(t, files))
			want := map[string]report.Severity{"notice.html:1": tc.body, "notice.html:2": report.Low, "notice.html:3": tc.title}
			if !maps.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

// TestRoleRefusalWriters checks that a view which first turns away
// everyone without a role (if not request.user.has_admin_permission(...):
// return ..., also through a name set to the check) writes what editors
// write, itself and through the forms it alone uses, and that turning
// away only anonymous visitors does not.
func TestRoleRefusalWriters(t *testing.T) {
	files := map[string]string{
		"desk/__init__.py":              "",
		"desk/models.py":                "from django.db import models\n\n\nclass Memo(models.Model):\n    body = models.TextField()\n    footer = models.TextField()\n    summary = models.TextField()\n",
		"desk/forms.py":                 "from django import forms\n\nfrom .models import Memo\n\n\nclass MemoForm(forms.ModelForm):\n    class Meta:\n        model = Memo\n        fields = [\"summary\"]\n",
		"desk/templates/desk/memo.html": "<p>{{ memo.body|safe }}</p>\n<p>{{ memo.footer|safe }}</p>\n<p>{{ memo.summary|safe }}</p>\n",
	}
	for _, tc := range []struct {
		name, check string
		want        report.Severity
	}{
		{"role", "request.user.has_admin_permission(\"memos\")", report.Low},
		{"login", "request.user.is_authenticated", report.Medium},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files["desk/views.py"] = "from django.http import Http404\nfrom django.shortcuts import get_object_or_404, redirect, render\n\nfrom .forms import MemoForm\nfrom .models import Memo\n\n\n" +
				"def add_summary(request):\n    if not " + tc.check + ":\n        return redirect(\"/\")\n" +
				"    form = MemoForm(request.POST)\n    if form.is_valid():\n        form.save()\n    return redirect(\"/\")\n\n\n" +
				"def edit_body(request, pk):\n    if not " + tc.check + ":\n        return redirect(\"/\")\n" +
				"    memo = get_object_or_404(Memo, pk=pk)\n    memo.body = request.POST[\"body\"]\n    memo.save()\n    return redirect(\"/\")\n\n\n" +
				"def edit_footer(request, pk):\n    allowed = " + tc.check + "\n    if not allowed:\n        raise Http404\n" +
				"    memo = get_object_or_404(Memo, pk=pk)\n    memo.footer = request.POST[\"footer\"]\n    memo.save()\n    return redirect(\"/\")\n\n\n" +
				"def show(request, pk):\n    return render(request, \"desk/memo.html\", {\"memo\": get_object_or_404(Memo, pk=pk)})\n"
			got := severities(t, siteTree(t, files))
			if want := map[string]report.Severity{"memo.html:1": tc.want, "memo.html:2": tc.want, "memo.html:3": tc.want}; !maps.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}
