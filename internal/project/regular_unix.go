//go:build unix

package project

import "syscall"

// openNonblock keeps open from waiting for a writer when a FIFO took a
// regular file's place between the check and the open.
const openNonblock = syscall.O_NONBLOCK
