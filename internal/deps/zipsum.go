package deps

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io"
	"os"
)

// A zip's central directory lists every entry with its name, sizes, CRC-32
// and offset, so a sum of it changes with any entry's content: an export is
// recognized without reading its records, in two reads at its end.

var errNoZipEnd = errors.New("no zip end of central directory")

const (
	zipEndLen      = 22 // end of central directory record, without comment
	zip64LocLen    = 20 // zip64 end of central directory locator
	zipEndSig      = 0x06054b50
	zip64LocSig    = 0x07064b50
	zip64EndSig    = 0x06064b50
	maxZipDirBytes = 256 << 20
)

// zipSumFile is zipSum of the zip at path.
func zipSumFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	return zipSum(f, info.Size())
}

// zipSum is the SHA-256 of a zip's size and of everything from its central
// directory to its end: the directory, the zip64 records if any, the end
// record and the archive comment.
func zipSum(r io.ReaderAt, size int64) ([]byte, error) {
	start, err := zipDirStart(r, size)
	if err != nil {
		return nil, err
	}
	if size-start > maxZipDirBytes {
		return nil, errors.New("zip central directory too large")
	}
	tail := make([]byte, size-start)
	if _, err := r.ReadAt(tail, start); err != nil {
		return nil, err
	}
	h := sha256.New()
	binary.Write(h, binary.LittleEndian, size)
	h.Write(tail)
	return h.Sum(nil), nil
}

// zipDirStart finds where the central directory begins: the offset the end
// record gives, or the one its size implies when that is lower (data
// prepended to the archive moves the directory without its offset saying
// so); the sum then covers more, never less.
func zipDirStart(r io.ReaderAt, size int64) (int64, error) {
	n := min(size, zipEndLen+0xffff)
	buf := make([]byte, n)
	if _, err := r.ReadAt(buf, size-n); err != nil {
		return 0, err
	}
	i := findZipEnd(buf)
	if i < 0 {
		return 0, errNoZipEnd
	}
	endAt := size - n + int64(i)
	end := buf[i:]
	dirSize := int64(binary.LittleEndian.Uint32(end[12:]))
	dirOff := int64(binary.LittleEndian.Uint32(end[16:]))
	if dirSize == 0xffffffff || dirOff == 0xffffffff || binary.LittleEndian.Uint16(end[10:]) == 0xffff {
		if endAt, dirSize, dirOff, i = zip64End(r, endAt); i < 0 {
			return 0, errNoZipEnd
		}
	}
	start := min(dirOff, endAt-dirSize)
	if start < 0 || start > endAt {
		return 0, errNoZipEnd
	}
	return start, nil
}

// findZipEnd returns the position in the last bytes of a file of the end
// record whose comment reaches exactly to the end, or -1.
func findZipEnd(b []byte) int {
	sig := binary.LittleEndian.AppendUint32(nil, zipEndSig)
	for i := len(b) - zipEndLen; i >= 0; i-- {
		if b[i] == sig[0] && bytes.Equal(b[i:i+4], sig) {
			if int(binary.LittleEndian.Uint16(b[i+20:]))+zipEndLen == len(b)-i {
				return i
			}
		}
	}
	return -1
}

// zip64End reads the zip64 end record through the locator that precedes the
// end record at endAt; i < 0 when there is none.
func zip64End(r io.ReaderAt, endAt int64) (at, dirSize, dirOff int64, i int) {
	if endAt < zip64LocLen {
		return 0, 0, 0, -1
	}
	loc := make([]byte, zip64LocLen)
	if _, err := r.ReadAt(loc, endAt-zip64LocLen); err != nil || binary.LittleEndian.Uint32(loc) != zip64LocSig {
		return 0, 0, 0, -1
	}
	at = int64(binary.LittleEndian.Uint64(loc[8:]))
	rec := make([]byte, 56)
	if at < 0 || at > endAt-zip64LocLen {
		return 0, 0, 0, -1
	}
	if _, err := r.ReadAt(rec, at); err != nil || binary.LittleEndian.Uint32(rec) != zip64EndSig {
		return 0, 0, 0, -1
	}
	dirSize = int64(binary.LittleEndian.Uint64(rec[40:]))
	dirOff = int64(binary.LittleEndian.Uint64(rec[48:]))
	if dirSize < 0 || dirOff < 0 {
		return 0, 0, 0, -1
	}
	return at, dirSize, dirOff, 0
}
