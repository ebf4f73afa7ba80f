package deps

// stamp is what a file's metadata says of its content: its type, size,
// modification and (where the system keeps one) change time, in
// nanoseconds. A write changes the stamp unless it falls in the tick in
// which the stamp was taken (see racyWindow).
type stamp struct {
	mode         uint32
	size         int64
	mtime, ctime int64
}

// newest is the later of the stamp's times.
func (s stamp) newest() int64 { return max(s.mtime, s.ctime) }
