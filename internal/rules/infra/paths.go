package infra

import "path"

func pathDir(p string) string {
	d := path.Dir(p)
	if d == "." {
		return ""
	}
	return d
}

func pathJoin(a, b string) string {
	if path.IsAbs(b) {
		return path.Clean(b[1:])
	}
	return path.Clean(path.Join(a, b))
}
