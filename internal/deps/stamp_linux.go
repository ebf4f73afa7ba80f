package deps

import "syscall"

// lstamp stamps the file at p without following a final symbolic link. On
// Linux the stamp holds the change time as well, which the kernel alone
// sets: a file whose modification time was put back (touch -r, tar, rsync
// -t) still changes its stamp.
func lstamp(p string) (stamp, error) {
	var st syscall.Stat_t
	var err error
	for {
		if err = syscall.Lstat(p, &st); err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return stamp{}, err
	}
	return stamp{
		mode: uint32(st.Mode & syscall.S_IFMT), size: st.Size,
		mtime: st.Mtim.Nano(), ctime: st.Ctim.Nano(),
	}, nil
}

func (s stamp) isDir() bool { return s.mode == syscall.S_IFDIR }
