package templates

import (
	"fmt"
	"maps"
	"path"
	"testing"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/analysis/analysistest"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/testenv"
)

// TestProcessorFieldIsLow checks that a variable the project's context
// processor or a view sets to a field of a fetched row (config.login_text,
// config = SiteConfiguration.get_solo(); announcement.text if announcement
// else None) is low when only the admin writes that field, and keeps the
// rule's severity when a form of the project takes it, or when some code
// sets the key otherwise.
func TestProcessorFieldIsLow(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"manage.py":        "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site.settings\")\n",
		"site/__init__.py": "",
		"site/settings.py": "SECRET_KEY = \"x\"\nTEMPLATES = [{\"BACKEND\": \"django.template.backends.django.DjangoTemplates\", \"APP_DIRS\": True,\n" +
			"    \"OPTIONS\": {\"context_processors\": [\"site.context.site_config\"]}}]\n",
		"site/context.py": "from config.models import SiteConfiguration\n\n\ndef site_config(request):\n" +
			"    config = SiteConfiguration.get_solo()\n" +
			"    context = {\"login_text\": config.login_text, \"banner_text\": config.banner_text, \"footer_text\": config.footer_text}\n" +
			"    if request.user.is_authenticated:\n        context[\"footer_text\"] = request.user.signature\n" +
			"    return context\n",
		"config/__init__.py": "",
		"config/models.py": "from django.db import models\n\n\nclass SiteConfiguration(models.Model):\n" +
			"    login_text = models.TextField()\n    banner_text = models.TextField()\n    footer_text = models.TextField()\n",
		"config/forms.py": "from django import forms\n\nfrom .models import SiteConfiguration\n\n\n" +
			"class BannerForm(forms.ModelForm):\n    class Meta:\n        model = SiteConfiguration\n        fields = [\"banner_text\"]\n",
		"config/views.py": "from django.shortcuts import render\n\nfrom .forms import BannerForm\n\n\n" +
			"def banner(request):\n    form = BannerForm(request.POST or None)\n    if form.is_valid():\n        form.save()\n" +
			"    return render(request, \"config/home.html\", {\"form\": form})\n",
		"config/templates/config/home.html": "<p>{{ login_text|safe }}</p>\n<p>{{ banner_text|safe }}</p>\n<p>{{ footer_text|safe }}</p>\n" +
			"<p>{{ announcement|safe }}</p>\n<p>{{ notice|safe }}</p>\n",
		"news/__init__.py": "",
		"news/models.py":   "from django.db import models\n\n\nclass Announcement(models.Model):\n    text = models.TextField()\n",
		"news/views.py": "from django.views.generic import TemplateView\n\nfrom .models import Announcement\n\n\n" +
			"class Home(TemplateView):\n    template_name = \"config/home.html\"\n\n    def get_context_data(self, **kwargs):\n" +
			"        context = super().get_context_data(**kwargs)\n        announcement = Announcement.objects.first()\n" +
			"        context[\"announcement\"] = announcement.text if announcement else None\n" +
			"        context[\"notice\"] = Announcement.objects.first().text\n        return context\n\n\n" +
			"def preview(request):\n    return render(request, \"config/home.html\", {\"notice\": request.GET.get(\"notice\", \"\")})\n",
	})
	got := severities(t, dir)
	want := map[string]report.Severity{"home.html:1": report.Low, "home.html:2": report.Medium, "home.html:3": report.Medium,
		"home.html:4": report.Low, "home.html:5": report.Medium}
	if !maps.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestHelperRowFieldIsLow checks that a field of a row fetched through a
// helper of the project (setting = get_site_setting(), defined in another
// module and caching the row; imported at the top or inside the function)
// counts as a fetched row's field, and that a helper whose returns are
// anything else (the requester's profile, rows of two models, one of which
// a form writes) does not.
func TestHelperRowFieldIsLow(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"manage.py":        "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site.settings\")\n",
		"site/__init__.py": "",
		"site/settings.py": "SECRET_KEY = \"x\"\nTEMPLATES = [{\"BACKEND\": \"django.template.backends.django.DjangoTemplates\", \"APP_DIRS\": True,\n" +
			"    \"OPTIONS\": {\"context_processors\": [\"site.context.site_config\", \"site.context.more\"]}}]\n",
		"site/utils.py": "from django.core.cache import cache\n\nfrom config.models import Profile, SiteSetting, Theme\n\n\n" +
			"def get_site_setting():\n    value = cache.get(\"site_setting\")\n    if value:\n        return value\n" +
			"    if not SiteSetting.objects.count():\n        SiteSetting().save()\n    value = SiteSetting.objects.first()\n" +
			"    cache.set(\"site_setting\", value)\n    return value\n\n\n" +
			"def get_profile(request):\n    return request.user.profile\n\n\n" +
			"def get_look(dark):\n    if dark:\n        return Theme.objects.first()\n    return SiteSetting.objects.first()\n",
		"site/context.py": "from site.utils import get_look, get_site_setting\n\n\ndef site_config(request):\n" +
			"    setting = get_site_setting()\n    look = get_look(request.GET.get(\"dark\"))\n" +
			"    return {\"header_code\": setting.header_code, \"look_css\": look.css}\n\n\n" +
			"def more(request):\n    from .utils import get_profile, get_site_setting as site\n" +
			"    s = site()\n    profile = get_profile(request)\n" +
			"    return {\"analytics_code\": s.analytics_code, \"signature\": profile.signature}\n",
		"config/__init__.py": "",
		"config/models.py": "from django.db import models\n\n\nclass SiteSetting(models.Model):\n" +
			"    header_code = models.TextField()\n    analytics_code = models.TextField()\n    css = models.TextField()\n\n\n" +
			"class Theme(models.Model):\n    css = models.TextField()\n\n\n" +
			"class Profile(models.Model):\n    user = models.OneToOneField(\"auth.User\", on_delete=models.CASCADE)\n    signature = models.TextField()\n",
		"config/forms.py": "from django import forms\n\nfrom .models import Theme\n\n\n" +
			"class ThemeForm(forms.ModelForm):\n    class Meta:\n        model = Theme\n        fields = [\"css\"]\n",
		"config/views.py": "from django.shortcuts import render\n\nfrom .forms import ThemeForm\n\n\n" +
			"def theme(request):\n    form = ThemeForm(request.POST or None)\n    if form.is_valid():\n        form.save()\n" +
			"    return render(request, \"config/home.html\", {\"form\": form})\n",
		"config/templates/config/home.html": "<p>{{ header_code|safe }}</p>\n<p>{{ analytics_code|safe }}</p>\n" +
			"<p>{{ look_css|safe }}</p>\n<p>{{ signature|safe }}</p>\n",
	})
	got := severities(t, dir)
	want := map[string]report.Severity{"home.html:1": report.Low, "home.html:2": report.Low,
		"home.html:3": report.Medium, "home.html:4": report.Medium}
	if !maps.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// severities scans dir with DJT102 and returns each finding's severity by
// file name and line ("home.html:2").
func severities(t *testing.T, dir string) map[string]report.Severity {
	t.Helper()
	res, err := analysis.Scan(analysis.Options{Root: dir, Rules: []*analysis.Rule{AutoescapeDisabledOnVariable}, Now: analysistest.Now})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]report.Severity{}
	for _, f := range res.Findings {
		got[fmt.Sprintf("%s:%d", path.Base(f.Location.Path), f.Location.Line)] = f.Severity
	}
	return got
}

// siteTree writes files under a temporary folder beside a site whose
// settings module (site.settings, which manage.py names) sets only a
// SECRET_KEY and Django's template engine with APP_DIRS, and returns it.
func siteTree(t *testing.T, files map[string]string) string {
	t.Helper()
	all := map[string]string{
		"manage.py":        "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site.settings\")\n",
		"site/__init__.py": "",
		"site/settings.py": "SECRET_KEY = \"x\"\nTEMPLATES = [{\"BACKEND\": \"django.template.backends.django.DjangoTemplates\", \"APP_DIRS\": True}]\n",
	}
	maps.Copy(all, files)
	return testenv.Tree(t, all)
}

// TestRelationRowFieldIsLow checks that a field of a row reached through a
// relation named as the variable is (letter_page = signatory.letter_page),
// or fetched with get_object_or_404, counts as that model's field: low
// when only the admin writes it, medium when a form of the project takes
// it; and that a relation of no known row held under another name
// (cover = Signatory.objects.all()[0].letter_page) names no model. A name assigned once to such a
// field (header_text = letter_page.letter_header) is that field.
func TestRelationRowFieldIsLow(t *testing.T) {
	dir := siteTree(t, map[string]string{
		"letters/__init__.py": "",
		"letters/models.py": "from django.db import models\n\n\nclass LetterPage(models.Model):\n" +
			"    letter_header = models.TextField()\n    letter_note = models.TextField()\n\n\n" +
			"class Signatory(models.Model):\n    letter_page = models.ForeignKey(LetterPage, on_delete=models.CASCADE)\n",
		"letters/forms.py": "from django import forms\n\nfrom .models import LetterPage\n\n\n" +
			"class NoteForm(forms.ModelForm):\n    class Meta:\n        model = LetterPage\n        fields = [\"letter_note\"]\n",
		"letters/views.py": "from django.shortcuts import get_object_or_404, render\n\nfrom .forms import NoteForm\nfrom .models import LetterPage, Signatory\n\n\n" +
			"def note(request):\n    form = NoteForm(request.POST or None)\n    if form.is_valid():\n        form.save()\n" +
			"    return render(request, \"letters/note.html\", {\"form\": form})\n\n\n" +
			"def letter(request, pk):\n    signatory = Signatory.objects.first()\n    letter_page = signatory.letter_page\n" +
			"    page = get_object_or_404(LetterPage, pk=pk)\n    cover = Signatory.objects.all()[0].letter_page\n" +
			"    header_text = letter_page.letter_header\n    note_text = letter_page.letter_note\n" +
			"    return render(request, \"letters/letter.html\", {\"header\": letter_page.letter_header, \"note\": letter_page.letter_note,\n" +
			"        \"title\": page.letter_header, \"cover_header\": cover.letter_header, \"header_text\": header_text, \"note_text\": note_text})\n",
		"letters/templates/letters/letter.html": "<p>{{ header|safe }}</p>\n<p>{{ note|safe }}</p>\n<p>{{ title|safe }}</p>\n<p>{{ cover_header|safe }}</p>\n" +
			"<p>{{ header_text|safe }}</p>\n<p>{{ note_text|safe }}</p>\n",
	})
	got := severities(t, dir)
	want := map[string]report.Severity{"letter.html:1": report.Low, "letter.html:2": report.Medium,
		"letter.html:3": report.Low, "letter.html:4": report.Medium, "letter.html:5": report.Low, "letter.html:6": report.Medium}
	if !maps.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
