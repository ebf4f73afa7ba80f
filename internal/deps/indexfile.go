package deps

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"
)

// The index file, in order:
//
//	indexFormat
//	header length, header CRC-32C       4 bytes each, little-endian
//	header                              origin, counts, errors, and per
//	                                    package the place, length and
//	                                    CRC-32C of its entries
//	entries of each package             advisories, then affected sections
//	                                    with their ranges' events and
//	                                    versions parsed
//
// Numbers are varints and strings length-prefixed. A scan reads the header
// and the entries of the packages it asks about, each checked against its
// CRC; nothing else. CRCs catch damage, not forgery: whoever can write the
// index can as well write the database.

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// maxIndexHeader bounds the header: a 20,000-record folder gives about a
// megabyte.
const maxIndexHeader = 64 << 20

// maxPackageEntries bounds the entries of one package.
const maxPackageEntries = 64 << 20

type indexHeader struct {
	origin    origin
	sources   int // records in the origin
	records   int
	withdrawn int
	latest    time.Time
	errors    []string
	pkgs      map[string]entriesRef
}

// entriesRef places a package's entries in the file, after the header.
type entriesRef struct {
	off, n int64
	crc    uint32
}

// indexReader reads the entries of packages from an open index.
type indexReader struct {
	mu   sync.Mutex
	file string
	f    *os.File
	body int64 // where the entries begin
	pkgs map[string]entriesRef
	full *DB // the database decoded whole, once the index was found damaged
}

// openIndex opens the index in file and reads its header.
func openIndex(file string) (*indexReader, *indexHeader, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, err
	}
	r, h, err := readHeader(file, f)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return r, h, nil
}

func readHeader(file string, f *os.File) (*indexReader, *indexHeader, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	pre := make([]byte, len(indexFormat)+8)
	if _, err := io.ReadFull(f, pre); err != nil || string(pre[:len(indexFormat)]) != indexFormat {
		return nil, nil, errBadIndex
	}
	n := int64(binary.LittleEndian.Uint32(pre[len(indexFormat):]))
	sum := binary.LittleEndian.Uint32(pre[len(indexFormat)+4:])
	body := int64(len(pre)) + n
	if n > maxIndexHeader || body > info.Size() {
		return nil, nil, errBadIndex
	}
	data := make([]byte, n)
	if _, err := io.ReadFull(f, data); err != nil || crc32.Checksum(data, castagnoli) != sum {
		return nil, nil, errBadIndex
	}
	h, err := decodeHeader(data, info.Size()-body)
	if err != nil {
		return nil, nil, err
	}
	return &indexReader{file: file, f: f, body: body, pkgs: h.pkgs}, h, nil
}

// read reads and decodes the entries at ref.
func (r *indexReader) read(ref entriesRef) ([]*affectedEntry, error) {
	data := make([]byte, ref.n)
	if _, err := r.f.ReadAt(data, r.body+ref.off); err != nil {
		return nil, err
	}
	if crc32.Checksum(data, castagnoli) != ref.crc {
		return nil, errBadIndex
	}
	return decodeEntries(data)
}

// writeIndex writes the index of db, a database decoded whole, through a
// temporary file so that a reader never sees half of one. A folder whose
// listing is racy is not indexed.
func writeIndex(file string, db *DB) error {
	o := db.origin
	if o == nil || db.lazy != nil || (o.dir == nil && o.zip == nil) || (o.dir != nil && o.dir.racy()) {
		return errBadIndex
	}
	names := make([]string, 0, len(db.byName))
	for name := range db.byName {
		names = append(names, name)
	}
	sort.Strings(names)
	blobs := encodeAll(db, names)
	var body []byte
	refs := make([]entriesRef, len(names))
	for i, b := range blobs {
		refs[i] = entriesRef{off: int64(len(body)), n: int64(len(b)), crc: crc32.Checksum(b, castagnoli)}
		body = append(body, b...)
	}
	var h encoder
	encodeHeader(&h, db, names, refs)
	pre := []byte(indexFormat)
	pre = binary.LittleEndian.AppendUint32(pre, uint32(len(h.b)))
	pre = binary.LittleEndian.AppendUint32(pre, crc32.Checksum(h.b, castagnoli))
	return writeAtomic(file, pre, h.b, body)
}

// encodeAll encodes the entries of each package, on every core: parsing
// their versions lists is most of the work.
func encodeAll(db *DB, names []string) [][]byte {
	blobs := make([][]byte, len(names))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				var e encoder
				encodeEntries(&e, db.byName[names[i]])
				blobs[i] = e.b
			}
		})
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	return blobs
}

func writeAtomic(file string, parts ...[]byte) error {
	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, filepath.Base(file)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename this fails harmlessly
	for _, p := range parts {
		if _, err = tmp.Write(p); err != nil {
			break
		}
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}

// Origin kinds in the header.
const (
	originDir = 1
	originZip = 2
)

func encodeHeader(e *encoder, db *DB, names []string, refs []entriesRef) {
	if l := db.origin.dir; l != nil {
		e.uint(originDir)
		e.uint(uint64(len(l.dirs)))
		for _, d := range l.dirs {
			e.str(d.rel)
			e.stamp(d.stamp)
		}
		e.uint(uint64(len(l.files)))
		for _, f := range l.files {
			e.uint(uint64(f.dir))
			e.str(f.name)
			e.stamp(f.stamp)
		}
	} else {
		e.uint(originZip)
		e.str(string(db.origin.zip))
	}
	e.uint(uint64(db.Records + len(db.Errors)))
	e.uint(uint64(db.Records))
	e.uint(uint64(db.Withdrawn))
	e.time(db.Latest)
	e.uint(uint64(len(db.Errors)))
	for _, err := range db.Errors {
		e.str(err.Error())
	}
	e.uint(uint64(len(names)))
	for i, name := range names {
		e.str(name)
		e.uint(uint64(refs[i].off))
		e.uint(uint64(refs[i].n))
		e.uint(uint64(refs[i].crc))
	}
}

// decodeHeader decodes a header whose entries take bodySize bytes, checking
// every field.
func decodeHeader(b []byte, bodySize int64) (*indexHeader, error) {
	d := &decoder{b: b}
	h := &indexHeader{}
	switch d.uint() {
	case originDir:
		l := &dirListing{}
		l.dirs = make([]listedDir, d.count(2))
		for i := range l.dirs {
			l.dirs[i] = listedDir{d.str(), d.stamp()}
		}
		l.files = make([]listedFile, d.count(2))
		for i := range l.files {
			l.files[i] = listedFile{d.index(len(l.dirs)), d.str(), d.stamp()}
		}
		if len(l.dirs) == 0 || l.dirs[0].rel != "." {
			d.fail()
		}
		h.origin.dir = l
	case originZip:
		if h.origin.zip = []byte(d.str()); len(h.origin.zip) != 32 {
			d.fail()
		}
	default:
		d.fail()
	}
	h.sources = int(d.uint())
	h.records = int(d.uint())
	h.withdrawn = int(d.uint())
	h.latest = d.time()
	h.errors = make([]string, d.count(1))
	for i := range h.errors {
		h.errors[i] = d.str()
	}
	n := d.count(4)
	h.pkgs = make(map[string]entriesRef, n)
	prev := ""
	for i := range n {
		name := d.str()
		ref := entriesRef{off: int64(d.uint()), n: int64(d.uint()), crc: uint32(d.uint())}
		if name == "" || (i > 0 && name <= prev) || NormalizeName(name) != name ||
			ref.off < 0 || ref.n <= 0 || ref.n > maxPackageEntries || ref.off > bodySize-ref.n {
			d.fail()
		}
		h.pkgs[name] = ref
		prev = name
	}
	if d.err != nil || len(d.b) != 0 {
		return nil, errBadIndex
	}
	if h.origin.dir != nil && len(h.origin.dir.files) != h.sources {
		return nil, errBadIndex
	}
	if h.records < 0 || h.withdrawn < 0 || h.records+len(h.errors) != h.sources || h.withdrawn > h.records {
		return nil, errBadIndex
	}
	return h, nil
}

// encodeEntries encodes the affected sections of one package, parsed, with
// the advisories they belong to, each once.
func encodeEntries(e *encoder, es []*affectedEntry) {
	advs := map[*Advisory]int{}
	var order []*Advisory
	for _, x := range es {
		if _, ok := advs[x.adv]; !ok {
			advs[x.adv] = len(order)
			order = append(order, x.adv)
		}
	}
	e.uint(uint64(len(order)))
	for _, a := range order {
		e.str(a.ID)
		e.strs(a.Aliases)
		e.str(a.Summary)
		e.str(a.Severity)
		e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(a.Score))
		e.time(a.Modified)
	}
	e.uint(uint64(len(es)))
	for _, x := range es {
		ranges, versions := x.parsed()
		e.uint(uint64(advs[x.adv]))
		e.uint(uint64(len(ranges)))
		for _, r := range ranges {
			e.uint(uint64(len(r)))
			for _, ev := range r {
				e.uint(uint64(ev.kind))
				e.str(ev.raw)
				e.version(ev.v)
			}
		}
		e.uint(uint64(len(versions)))
		for _, v := range versions {
			e.version(v)
		}
	}
}

func decodeEntries(b []byte) ([]*affectedEntry, error) {
	d := &decoder{b: b}
	advs := make([]*Advisory, d.count(12))
	for i := range advs {
		a := &Advisory{ID: d.str(), Aliases: d.strs(), Summary: d.str(), Severity: d.str()}
		a.Score = math.Float64frombits(d.uint64())
		a.Modified = d.time()
		advs[i] = a
	}
	es := make([]*affectedEntry, d.count(3))
	for i := range es {
		a := d.index(len(advs))
		if d.err != nil {
			return nil, errBadIndex
		}
		x := &affectedEntry{adv: advs[a]}
		x.ranges = make([][]event, d.count(1))
		for j := range x.ranges {
			evs := make([]event, d.count(4))
			for k := range evs {
				evs[k] = event{kind: d.index(evLimit + 1), raw: d.str(), v: d.version()}
			}
			x.ranges[j] = evs
		}
		if n := d.count(5); n > 0 {
			x.versions = make([]Version, n)
			for j := range x.versions {
				x.versions[j] = d.version()
			}
		}
		// Parsed already: parse would find nothing to do.
		x.once.Do(func() {})
		es[i] = x
	}
	if d.err != nil || len(d.b) != 0 {
		return nil, errBadIndex
	}
	return es, nil
}

// encoder appends varints and length-prefixed strings.
type encoder struct{ b []byte }

func (e *encoder) uint(x uint64) { e.b = binary.AppendUvarint(e.b, x) }
func (e *encoder) int(x int64)   { e.b = binary.AppendVarint(e.b, x) }

func (e *encoder) str(s string) {
	e.uint(uint64(len(s)))
	e.b = append(e.b, s...)
}

func (e *encoder) strs(ss []string) {
	e.uint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

func (e *encoder) stamp(s stamp) {
	e.uint(uint64(s.mode))
	e.int(s.size)
	e.int(s.mtime)
	e.int(s.ctime)
}

// time keeps the instant and the zone offset, as a parse of the record gave
// them.
func (e *encoder) time(t time.Time) {
	data, _ := t.MarshalBinary() // fails only for offsets no record can spell
	e.str(string(data))
}

func (e *encoder) version(v Version) {
	e.uint(v.Epoch)
	e.uint(uint64(len(v.Release)))
	for _, n := range v.Release {
		e.uint(n)
	}
	e.uint(uint64(v.PreKind))
	e.uint(v.PreNum)
	flags := uint64(0)
	if v.HasPost {
		flags |= 1
	}
	if v.HasDev {
		flags |= 2
	}
	e.uint(flags)
	e.uint(v.Post)
	e.uint(v.Dev)
	e.strs(v.Local)
}

// decoder reads what encoder wrote. The first error sticks: every later
// read returns a zero value, so a caller checks err once at the end, and
// counts are bounded by the bytes left, so that no damaged count makes a
// large allocation.
type decoder struct {
	b   []byte
	err error
}

var errShortIndex = errors.New("index entry cut short")

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errShortIndex
	}
	d.b = nil
}

func (d *decoder) uint() uint64 {
	x, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return x
}

func (d *decoder) int() int64 {
	x, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return x
}

func (d *decoder) uint64() uint64 {
	if len(d.b) < 8 {
		d.fail()
		return 0
	}
	x := binary.LittleEndian.Uint64(d.b)
	d.b = d.b[8:]
	return x
}

// count reads a number of items that take at least size bytes each.
func (d *decoder) count(size int) int {
	n := d.uint()
	if n > uint64(len(d.b)/size) {
		d.fail()
		return 0
	}
	return int(n)
}

// index reads a number below n.
func (d *decoder) index(n int) int {
	i := d.uint()
	if i >= uint64(n) {
		d.fail()
		return 0
	}
	return int(i)
}

func (d *decoder) str() string {
	n := d.count(1)
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) strs() []string {
	n := d.count(1)
	if n == 0 {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = d.str()
	}
	return ss
}

func (d *decoder) stamp() stamp {
	return stamp{mode: uint32(d.uint()), size: d.int(), mtime: d.int(), ctime: d.int()}
}

func (d *decoder) time() time.Time {
	var t time.Time
	if err := t.UnmarshalBinary([]byte(d.str())); err != nil {
		d.fail()
	}
	return t
}

func (d *decoder) version() Version {
	v := Version{Epoch: d.uint()}
	v.Release = make([]uint64, d.count(1))
	for i := range v.Release {
		v.Release[i] = d.uint()
	}
	if len(v.Release) == 0 {
		d.fail()
	}
	v.PreKind = d.index(preRC + 1)
	v.PreNum = d.uint()
	flags := d.uint()
	v.HasPost, v.HasDev = flags&1 != 0, flags&2 != 0
	v.Post = d.uint()
	v.Dev = d.uint()
	v.Local = d.strs()
	if flags > 3 {
		d.fail()
	}
	return v
}
