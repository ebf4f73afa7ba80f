package infra

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseWords(t *testing.T) {
	src := "# redis\nbind 0.0.0.0 -::1\nrequirepass \"a b#c\" # comment\n\nMatch User backup\n  PasswordAuthentication yes\nMatch all\nPermitRootLogin=no\n"
	ls := ParseWords([]byte(src), true)
	if len(ls) != 4 {
		t.Fatalf("got %d lines: %+v", len(ls), ls)
	}
	if ls[0].Key != "bind" || !reflect.DeepEqual(ls[0].Args, []string{"0.0.0.0", "-::1"}) || ls[0].Pos != (Pos{2, 1}) {
		t.Errorf("got %+v", ls[0])
	}
	if ls[1].Value() != "a b#c" {
		t.Errorf("got %q, want quoted value", ls[1].Value())
	}
	if ls[2].Section != "Match User backup" || ls[2].Pos != (Pos{6, 3}) {
		t.Errorf("got %+v", ls[2])
	}
	if ls[3].Key != "PermitRootLogin" || ls[3].Value() != "no" || ls[3].Section != "" {
		t.Errorf("got %+v", ls[3])
	}
}

func TestParseINI(t *testing.T) {
	src := "[DEFAULT]\nbantime = 1h\n[sshd]\nenabled: true\nlogpath = /var/log/a\n    /var/log/b\n; c\n[uwsgi]\nmaster\nhttp-socket = :8000\n"
	ls := ParseINI([]byte(src))
	want := []string{"DEFAULT/bantime=1h", "sshd/enabled=true", "sshd/logpath=/var/log/a\n/var/log/b", "uwsgi/master=", "uwsgi/http-socket=:8000"}
	var got []string
	for _, l := range ls {
		got = append(got, l.Section+"/"+l.Key+"="+l.Value())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestParseYAML(t *testing.T) {
	d := ParseYAML([]byte("net:\n  port: 27017\n  bindIp: 0.0.0.0\nsecurity:\n  authorization: disabled\n"))
	n := d.Get("net.bindIp")
	if n == nil || n.Value != "0.0.0.0" || NodePos(n) != (Pos{3, 11}) {
		t.Errorf("got %+v", n)
	}
	if d.Get("net.tls.mode") != nil {
		t.Error("got a node for a missing path")
	}
}

func FuzzParseKV(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		ParseWords(data, true)
		ParseINI(data)
		ParseYAML(data).Get("a.b")
		ParseYAMLDocs(data)
		ParsePyAssignments(data)
	})
}

func TestParsePyAssignments(t *testing.T) {
	src := "import os\nbind = ['0.0.0.0:8000', \"[::]:8000\"]\nworkers = 3\nforwarded_allow_ips = '*'  # trust all\nif x:\n    bind = 'a'\nraw = os.environ.get('X')\n"
	ls := ParsePyAssignments([]byte(src))
	var got []string
	for _, l := range ls {
		got = append(got, l.Key+"="+strings.Join(l.Args, "|"))
	}
	want := []string{"bind=0.0.0.0:8000|[::]:8000", "workers=", "forwarded_allow_ips=*", "raw="}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestParseYAMLDocs(t *testing.T) {
	docs, errs := ParseYAMLDocs([]byte("kind: A\n---\nkind: B\n---\n"))
	if len(errs) > 0 || len(docs) != 2 || docs[1].Get("kind").Value != "B" || NodePos(docs[1].Get("kind")).Line != 3 {
		t.Errorf("got %d docs, errors %v", len(docs), errs)
	}
	if _, errs := ParseYAMLDocs([]byte("a: 1\n---\n{{ .Values }}: [\n")); len(errs) != 1 {
		t.Errorf("got errors %v, want one", errs)
	}
}
