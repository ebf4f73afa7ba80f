package templates

import "testing"

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
