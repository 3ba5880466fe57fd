//go:build !unix

package atomicfile

import (
	"io/fs"
	"os"
)

// fileOwner is not kept where files have no Unix owner.
type fileOwner struct{}

func ownerOf(fs.FileInfo) *fileOwner { return nil }

func (o *fileOwner) apply(*os.File) error { return nil }
