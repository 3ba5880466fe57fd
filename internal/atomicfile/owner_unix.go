//go:build unix

package atomicfile

import (
	"io/fs"
	"os"
	"syscall"
)

// fileOwner is the owner a replaced file had.
type fileOwner struct{ uid, gid int }

func ownerOf(fi fs.FileInfo) *fileOwner {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	return &fileOwner{int(st.Uid), int(st.Gid)}
}

// apply gives f the old owner, when it is not already who writes: a file
// someone else owns must not silently become the writer's.
func (o *fileOwner) apply(f *os.File) error {
	if o == nil {
		return nil
	}
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if now := ownerOf(fi); now != nil && *now == *o {
		return nil
	}
	return f.Chown(o.uid, o.gid)
}
