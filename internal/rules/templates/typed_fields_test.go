package templates

import (
	"strings"
	"testing"
)

func TestFieldDecl(t *testing.T) {
	for _, tc := range []struct {
		line        string
		name, class string
		ok          bool
	}{
		{"    uuid = models.UUIDField(default=uuid4, unique=True)", "uuid", "UUIDField", true},
		{"\tcreated_on = DateTimeField(auto_now_add=True)", "created_on", "DateTimeField", true},
		{`    owner: "User" = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)`, "owner", "ForeignKey", true},
		{"    secret = fields.EncryptedTextField()", "secret", "EncryptedTextField", true},
		{"uuid = models.UUIDField()", "", "", false},              // not in a class body
		{"    if x == models.UUIDField():", "", "", false},        // no assignment
		{"    form_field = self.get_form_field()", "", "", false}, // not a field class
		{"    help = 'a Field(' + x", "", "", false},
		{"    total = compute(models.IntegerField())", "", "", false},
	} {
		name, class, ok := fieldDecl([]byte(tc.line))
		if name != tc.name || class != tc.class || ok != tc.ok {
			t.Errorf("fieldDecl(%q) = %q, %q, %v; want %q, %q, %v", tc.line, name, class, ok, tc.name, tc.class, tc.ok)
		}
	}
}

func TestDeclaresChoices(t *testing.T) {
	for _, tc := range []struct {
		decl string
		want bool
	}{
		{"    currency = models.CharField(choices=CURRENCIES, max_length=3)\n", true},
		{"    currency = ValidXMLCharField(\n        _('currency'), choices=CURRENCY_CHOICES, max_length=3,\n    )\n", true},
		{"    status = models.CharField(\n        max_length=10,\n        choices=[(\"a\", \"A\"), (\"b\", \"B\")],\n    )\n", true},
		{"    name = models.CharField(max_length=100)\n    kind = models.CharField(choices=KINDS)\n", false}, // the next field's choices
		{"    title = models.CharField(\n        max_length=100, help_text=_('The (short) title'),\n    )\n    choices = models.JSONField()\n", false},
	} {
		line, rest, _ := strings.Cut(tc.decl, "\n")
		if got := declaresChoices([]byte(line), []byte(rest)); got != tc.want {
			t.Errorf("declaresChoices(%q) = %v, want %v", tc.decl, got, tc.want)
		}
	}
}

func TestGeneratedUUID(t *testing.T) {
	for _, tc := range []struct {
		name, decl string
		want       bool
	}{
		{"uuid", "    uuid = models.CharField(\n        max_length=36,\n        default=generate_uuid,\n    )\n", true},
		{"uuid", "    uuid = models.CharField(max_length=36, default=uuid.uuid4)\n", true},
		{"uuid", "    uuid = models.CharField(max_length=36, default=lambda: str(uuid4()), unique=True)\n", true},
		{"uuid", "    uuid = models.CharField(max_length=36, unique=True)\n", false}, // whoever creates the row writes it
		{"uuid", "    uuid = models.CharField(max_length=36, default=\"\")\n", false},
		{"title", "    title = models.CharField(max_length=36, default=generate_uuid)\n", false}, // a title the user may rewrite
	} {
		line, rest, _ := strings.Cut(tc.decl, "\n")
		if got := generatedUUID(tc.name, []byte(line), []byte(rest)); got != tc.want {
			t.Errorf("generatedUUID(%q, %q) = %v, want %v", tc.name, tc.decl, got, tc.want)
		}
	}
}
