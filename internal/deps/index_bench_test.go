package deps

import (
	"testing"

	"github.com/djsec/djsec/internal/testenv"
)

// benchPins are the pins of a real Django project (healthchecks).
var benchPins = [][2]string{
	{"apprise", "1.12.0"}, {"django-stubs", "6.1.0"}, {"markdown", "3.10.2"}, {"minio", "7.2.20"},
	{"mypy", "2.3.1"}, {"mysqlclient", "2.2.8"}, {"pygments", "2.20.0"}, {"time-machine", "3.2.0"},
	{"aiosmtpd", "1.4.6"}, {"cronsim", "2.7"}, {"django", "6.1"}, {"django-compressor", "4.6"},
	{"django-stubs-ext", "6.1.0"}, {"fido2", "2.2.1"}, {"oncalendar", "1.1"}, {"psycopg", "3.3.4"},
	{"pycurl", "7.47.0"}, {"pydantic", "2.13.4"}, {"pyjwt", "2.13.0"}, {"pyotp", "2.10.0"},
	{"segno", "1.6.6"}, {"statsd", "4.0.1"}, {"whitenoise", "6.12.0"}, {"django", "3.2.0"},
}

// BenchmarkOpenIndexed is what --db costs a scan once the index is cached:
// open the real database through its index and check a project's pins.
func BenchmarkOpenIndexed(b *testing.B) {
	dir := testenv.NeedAdvisoryDB(b)
	idx := b.TempDir()
	if _, err := OpenDB(dir, idx); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		db, err := OpenDB(dir, idx)
		if err != nil {
			b.Fatal(err)
		}
		if db.lazy == nil {
			b.Fatal("the index was not used")
		}
		for _, p := range benchPins {
			if _, err := db.Check(p[0], p[1]); err != nil {
				b.Fatal(err)
			}
		}
	}
}
