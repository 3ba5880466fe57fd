package check

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/waymark-dev/waymark/internal/yamlstrict"
)

// LoadSuites reads every *.yaml file of dir in fsys, ordered by file name.
// It returns every problem of every file at once.
func LoadSuites(fsys fs.FS, dir string) ([]*Suite, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var suites []*Suite
	var all Errors
	for _, e := range entries {
		if e.IsDir() || !(strings.HasSuffix(e.Name(), ".yaml") || strings.HasSuffix(e.Name(), ".yml")) {
			continue
		}
		name := path.Join(dir, e.Name())
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		s, err := Decode(name, data)
		var es Errors
		if errors.As(err, &es) {
			all = append(all, es...)
			continue
		} else if err != nil {
			return nil, err
		}
		suites = append(suites, s)
	}
	if len(all) > 0 {
		return nil, all
	}
	return suites, nil
}

// Decode parses and validates one check file. Every problem comes back at
// once, as Errors naming file, line and column.
func Decode(file string, data []byte) (*Suite, error) {
	root, errs := yamlstrict.Parse(file, data)
	if errs != nil {
		return nil, errs
	}
	d := &decoder{&yamlstrict.Decoder{File: file}}
	if root.Kind != yaml.MappingNode {
		// A null document would decode as an empty mapping, with no position
		// for the problems that follow.
		d.Errorf(root, "a check file is a mapping of format, milestone and steps; got %s", yamlstrict.KindName(root))
		return nil, d.Errors()
	}
	s := &Suite{}
	d.Decode(root, s)
	if len(d.Errors()) == 0 {
		d.validate(s)
	}
	if es := d.Errors(); len(es) > 0 {
		return nil, es
	}
	sum := sha256.Sum256(data)
	s.SHA256 = hex.EncodeToString(sum[:])
	return s, nil
}

// decoder is the strict decoder, with what validation adds to it.
type decoder struct{ *yamlstrict.Decoder }

func (d *decoder) errorAt(p Pos, format string, a ...any) { d.ErrorAt(p, format, a...) }
