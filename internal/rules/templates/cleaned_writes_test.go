package templates

import (
	"maps"
	"testing"

	"github.com/djsec/djsec/internal/report"
)

// cleanedSite is a project whose Notice model has four text fields, each
// written by a form that its views use, and shown marked safe:
//   - summary: every view saving NoticeForm cleans it with the project's
//     safe_html (bleach.clean, then linkify) first;
//   - body: NoticeForm's own clean_body returns it through safe_html;
//   - footer: one view cleans it, another saves the form as it comes;
//   - note: a view assigns it from the request through a helper that is no
//     sanitizer.
func cleanedSite() map[string]string {
	return map[string]string{
		"board/__init__.py": "",
		"board/html.py":     "import bleach\n\n\ndef safe_html(text):\n    return bleach.linkify(bleach.clean(text, tags=[\"b\", \"a\"]))\n\n\ndef tidy(text):\n    return text.strip()\n",
		"board/models.py":   "from django.db import models\n\n\nclass Notice(models.Model):\n    summary = models.TextField()\n    body = models.TextField()\n    footer = models.TextField()\n    note = models.TextField()\n",
		"board/forms.py": "from django import forms\n\nfrom .html import safe_html\nfrom .models import Notice\n\n\n" +
			"class NoticeForm(forms.ModelForm):\n    class Meta:\n        model = Notice\n        fields = [\"summary\", \"body\", \"footer\"]\n\n" +
			"    def clean_body(self):\n        return safe_html(self.cleaned_data[\"body\"])\n",
		"board/views.py": "from django.shortcuts import get_object_or_404, redirect, render\n\nfrom .forms import NoticeForm\nfrom .html import safe_html, tidy\nfrom .models import Notice\n\n\n" +
			"def add(request):\n    form = NoticeForm(request.POST)\n    if form.is_valid():\n        notice = form.save()\n" +
			"        notice.summary = safe_html(notice.summary)\n        notice.footer = safe_html(notice.footer)\n        notice.save()\n" +
			"        return redirect(\"/\")\n    return render(request, \"board/add.html\", {\"form\": form})\n\n\n" +
			"def edit(request, pk):\n    notice = get_object_or_404(Notice, pk=pk)\n    form = NoticeForm(request.POST, instance=notice)\n    if form.is_valid():\n" +
			"        notice = form.save()\n        notice.summary = safe_html(notice.summary).strip()\n        notice.save()\n" +
			"    return render(request, \"board/add.html\", {\"form\": form})\n\n\n" +
			"def annotate(request, pk):\n    notice = get_object_or_404(Notice, pk=pk)\n    notice.note = tidy(request.POST[\"note\"])\n    notice.save()\n    return redirect(\"/\")\n\n\n" +
			"def show(request, pk):\n    notice = get_object_or_404(Notice, pk=pk)\n    return render(request, \"board/notice.html\", {\"notice\": notice})\n",
		"board/templates/board/add.html":    "{{ form }}\n",
		"board/templates/board/notice.html": "<p>{{ notice.summary|safe }}</p>\n<p>{{ notice.body|safe }}</p>\n<p>{{ notice.footer|safe }}</p>\n<p>{{ notice.note|safe }}</p>\n",
	}
}

// TestFieldCleanedByItsWriters checks that a field every form and view
// writing it passes through a sanitizer of the project's is low, and that
// one view saving it raw, or a helper that cleans nothing, keeps it medium.
func TestFieldCleanedByItsWriters(t *testing.T) {
	got := severities(t, siteTree(t, cleanedSite()))
	want := map[string]report.Severity{"notice.html:1": report.Low, "notice.html:2": report.Low,
		"notice.html:3": report.Medium, "notice.html:4": report.Medium}
	if !maps.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestSetattrOverFormData checks that setattr with the keys of a form's
// cleaned_data writes that form's fields only: a field no form writes stays
// low beside it. setattr with keys from the request may write any field,
// which makes it medium.
func TestSetattrOverFormData(t *testing.T) {
	files := map[string]string{
		"prefs/__init__.py":                  "",
		"prefs/models.py":                    "from django.db import models\n\n\nclass Profile(models.Model):\n    nickname = models.CharField(max_length=40)\n    banner = models.TextField()\n",
		"prefs/forms.py":                     "from django import forms\n\n\nclass NicknameForm(forms.Form):\n    nickname = forms.CharField()\n",
		"prefs/templates/prefs/profile.html": "<div>{{ profile.banner|safe }}</div>\n",
	}
	views := "from django.shortcuts import get_object_or_404, render\n\nfrom .forms import NicknameForm\nfrom .models import Profile\n\n\n" +
		"def save(request, pk):\n    profile = get_object_or_404(Profile, pk=pk)\n    form = NicknameForm(request.POST)\n    if form.is_valid():\n" +
		"        fields = form.cleaned_data\n        for field in fields:\n            setattr(profile, field, fields[field])\n        profile.save()\n" +
		"    return render(request, \"prefs/profile.html\", {\"profile\": profile})\n"
	for _, tc := range []struct {
		name, extra string
		want        report.Severity
	}{
		{"form keys only", "", report.Low},
		{"request keys", "\n\ndef raw(request, pk):\n    profile = get_object_or_404(Profile, pk=pk)\n    for key in request.POST:\n" +
			"        setattr(profile, key, request.POST[key])\n    profile.save()\n    return render(request, \"prefs/profile.html\", {\"profile\": profile})\n", report.Medium},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files["prefs/views.py"] = views + tc.extra
			got := severities(t, siteTree(t, files))
			if want := map[string]report.Severity{"profile.html:1": tc.want}; !maps.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}
