//go:build linux

package gcpace

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// unmapCode unmaps the pages of the program's code and read-only data
// that are resident, so that those the stage ahead runs fault back in and
// the others stop counting in the process's resident memory.
//
// Why: the binary holds the guard, the live probe, the WAF's rule set and
// their dependencies, and package initialization alone touches about 17
// MB of its code and read-only data (the kernel maps 64 KB around each
// page fault of a file). A scan runs a small part of that code, yet every
// page once touched stayed resident to the end: a fifth of an empty
// scan's peak, a tenth of a mid-sized project's.
//
// The pages stay in the page cache, so bringing one back is a minor fault,
// and mapping the scan's own code again costs about a millisecond.
// MADV_DONTNEED gives a private mapping its file's content back, which
// loses nothing only where the process never wrote: so only the mappings
// of the executable that are not writable, and only in a static
// executable, whose read-only segments no loader ever relocated.
func unmapCode() {
	exe, err := os.Readlink("/proc/self/exe")
	if err != nil || !static(exe) {
		return
	}
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// address perms offset dev inode path
		fields := strings.Fields(sc.Text())
		if len(fields) != 6 || fields[5] != exe || strings.ContainsRune(fields[1], 'w') {
			continue
		}
		from, to, ok := strings.Cut(fields[0], "-")
		if !ok {
			continue
		}
		start, err1 := strconv.ParseUint(from, 16, 64)
		end, err2 := strconv.ParseUint(to, 16, 64)
		if err1 != nil || err2 != nil || end <= start {
			continue
		}
		syscall.Syscall(syscall.SYS_MADVISE, uintptr(start), uintptr(end-start), syscall.MADV_DONTNEED)
	}
}

// static reports whether the file exe is a static executable (staticELF).
func static(exe string) bool {
	f, err := os.Open(exe)
	if err != nil {
		return false
	}
	defer f.Close()
	return staticELF(f)
}

// staticELF reports whether r holds a 64-bit little-endian ELF executable
// of type EXEC with no program interpreter, no dynamic section and no
// segment made read-only after relocation: one the kernel loads where it
// was linked and nothing writes to, as Go links a program without cgo.
func staticELF(r io.ReaderAt) bool {
	var hdr [64]byte
	if _, err := r.ReadAt(hdr[:], 0); err != nil || !bytes.Equal(hdr[:6], []byte("\x7fELF\x02\x01")) {
		return false
	}
	le := binary.LittleEndian
	const etExec = 2
	phoff, phentsize, phnum := le.Uint64(hdr[32:]), int(le.Uint16(hdr[54:])), int(le.Uint16(hdr[56:]))
	if le.Uint16(hdr[16:]) != etExec || phentsize < 4 || phnum == 0 || phnum > 64 || phoff > 1<<20 {
		return false
	}
	ph := make([]byte, phentsize*phnum)
	if _, err := r.ReadAt(ph, int64(phoff)); err != nil {
		return false
	}
	const ptDynamic, ptInterp, ptGNURelro = 2, 3, 0x6474e552
	for i := range phnum {
		switch le.Uint32(ph[i*phentsize:]) {
		case ptDynamic, ptInterp, ptGNURelro:
			return false
		}
	}
	return true
}
