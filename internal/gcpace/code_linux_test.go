//go:build linux

package gcpace

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// elfHeader builds the start of an ELF64 little-endian file of type
// typ whose program headers have the types given.
func elfHeader(typ uint16, segments ...uint32) []byte {
	b := make([]byte, 64+56*len(segments))
	copy(b, "\x7fELF\x02\x01\x01")
	le := binary.LittleEndian
	le.PutUint16(b[16:], typ)
	le.PutUint64(b[32:], 64)
	le.PutUint16(b[54:], 56)
	le.PutUint16(b[56:], uint16(len(segments)))
	for i, s := range segments {
		le.PutUint32(b[64+56*i:], s)
	}
	return b
}

func TestStaticELF(t *testing.T) {
	const load, note, interp, dynamic, relro = 1, 4, 3, 2, 0x6474e552
	tests := []struct {
		name string
		file []byte
		want bool
	}{
		{"static executable", elfHeader(2, 6, note, load, load, load, 0x6474e551), true},
		{"with an interpreter", elfHeader(2, 6, interp, load, load, dynamic), false},
		{"with a dynamic section", elfHeader(2, load, dynamic), false},
		{"with a relro segment", elfHeader(2, load, relro), false},
		{"position independent", elfHeader(3, load), false},
		{"truncated", elfHeader(2, load)[:80], false},
		{"not elf", bytes.Repeat([]byte{'#'}, 200), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := staticELF(bytes.NewReader(tt.file)); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestUnmapCodeStatic runs a static build of a program that unmaps its
// code: fewer of the binary's pages are then resident, and it keeps
// working, every page it needs coming back.
func TestUnmapCodeStatic(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	dir := t.TempDir()
	bin := dir + "/unmap"
	cmd := exec.Command("go", "test", "-c", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building: %v\n%s", err, out)
	}
	if f, err := os.Open(bin); err != nil || !staticELF(f) {
		t.Fatalf("the test binary built without cgo is not a static executable (%v)", err)
	}
	run := exec.Command(bin, "-test.run", "^TestUnmapCodeHelper$", "-test.v")
	run.Env = append(os.Environ(), "GCPACE_UNMAP_HELPER=1")
	out, err := run.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "still running") {
		t.Fatalf("after unmapping: %v\n%s", err, out)
	}
}

// TestUnmapCodeHelper is the program TestUnmapCodeStatic runs.
func TestUnmapCodeHelper(t *testing.T) {
	if os.Getenv("GCPACE_UNMAP_HELPER") == "" {
		t.Skip("run by TestUnmapCodeStatic")
	}
	before := residentFile(t)
	unmapCode()
	if after := residentFile(t); after >= before {
		t.Errorf("resident file pages: got %d kB after unmapping, want fewer than the %d kB before", after, before)
	}
	end := Scan()
	Build(1 << 20)()
	end()
	var b strings.Builder
	for i := range 1000 {
		b.WriteString(strings.Repeat("x", i%7))
	}
	t.Logf("still running after writing %d bytes", b.Len())
}

// residentFile is the process's resident file-backed memory, in kB.
func residentFile(t *testing.T) int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "RssFile:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			if err != nil {
				t.Fatal(err)
			}
			return kb
		}
	}
	t.Fatal("no RssFile in /proc/self/status")
	return 0
}
