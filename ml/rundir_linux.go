package ml

import "golang.org/x/sys/unix"

// exchange swaps the directories a and b atomically (renameat2 with
// RENAME_EXCHANGE, Linux 3.15+; some file systems refuse it).
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
