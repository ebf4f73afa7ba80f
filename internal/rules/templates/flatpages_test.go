package templates

import (
	"testing"

	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/testenv"
)

// TestFlatPageContent checks that {{ flatpage.content }} is judged by the
// writes of django.contrib.flatpages' FlatPage: staff's alone when no
// form of the project takes it, and users' once one does, whatever other
// models' fields named content the project's forms write.
func TestFlatPageContent(t *testing.T) {
	base := map[string]string{
		"notes/models.py": "from django.db import models\n\n\nclass Note(models.Model):\n    content = models.TextField()\n",
		"notes/forms.py": "from django import forms\n\nfrom .models import Note\n\n\n" +
			"class NoteForm(forms.ModelForm):\n    class Meta:\n        model = Note\n        fields = [\"content\"]\n",
	}
	for _, c := range []struct {
		name     string
		extra    map[string]string
		writable bool
	}{
		{"staff only", nil, false},
		{"a form of the project", map[string]string{
			"pages/forms.py": "from django import forms\nfrom django.contrib.flatpages.models import FlatPage\n\n\n" +
				"class PageForm(forms.ModelForm):\n    class Meta:\n        model = FlatPage\n        fields = [\"title\", \"content\"]\n",
		}, true},
	} {
		files := map[string]string{}
		for k, v := range base {
			files[k] = v
		}
		for k, v := range c.extra {
			files[k] = v
		}
		dir := testenv.Tree(t, files)
		walked, _, err := project.Walk(dir, project.WalkOptions{})
		if err != nil {
			t.Fatal(err)
		}
		x := modelFields(project.New(dir, walked, project.Inputs{}))
		if got := x.userWritableOn("flatpage", "content"); got != c.writable {
			t.Errorf("%s: flatpage.content writable %v, want %v", c.name, got, c.writable)
		}
	}
}
