package templates

import (
	"maps"
	"testing"

	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/testenv"
)

// TestStaffGatedWriters checks that what only views behind a staff or role
// gate write is the editors', as the admin's is: a decorator set to
// user_passes_test of a role check, one a factory of another module makes
// (admin_required("board")), and a mixin whose test_func returns a role.
// Gates that every member passes (is_authenticated, is_active) leave the
// fields reported.
func TestStaffGatedWriters(t *testing.T) {
	base := map[string]string{
		"manage.py":         "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site.settings\")\n",
		"site/__init__.py":  "",
		"site/settings.py":  "SECRET_KEY = \"x\"\nTEMPLATES = [{\"BACKEND\": \"django.template.backends.django.DjangoTemplates\", \"APP_DIRS\": True}]\n",
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
			got := severities(t, testenv.Tree(t, files))
			want := map[string]report.Severity{"notice.html:1": tc.body, "notice.html:2": report.Low, "notice.html:3": tc.title}
			if !maps.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}
