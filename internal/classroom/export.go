// Package classroom reads many learners' progress — exported files, raw
// progress files, folders of them, or the learners' Git repositories — and
// turns them into one class report: a row per learner, in table, CSV, JSON
// or Markdown form.
package classroom

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/waymark-dev/waymark/internal/progress"
	"github.com/waymark-dev/waymark/internal/yamlstrict"
)

// ExportKind marks a progress export, told apart from a bare progress file.
const ExportKind = "waymark-progress-export"

// ExportFormat is the version of the export layout.
const ExportFormat = 1

// Learner is who a progress export belongs to.
type Learner struct {
	Name  string `yaml:"name" json:"name"`
	Email string `yaml:"email" json:"email"`
}

// Export is a shareable copy of a learner's progress with their name: what
// `waymark progress export` writes and `waymark class report` reads.
type Export struct {
	Format   int                `yaml:"format"`
	Kind     string             `yaml:"kind"`
	Learner  Learner            `yaml:"learner"`
	Exported time.Time          `yaml:"exported"`
	Progress *progress.Progress `yaml:"progress"`
}

// NewExport wraps p for sharing.
func NewExport(p *progress.Progress, who Learner, now time.Time) *Export {
	return &Export{Format: ExportFormat, Kind: ExportKind, Learner: who, Exported: now.UTC().Truncate(time.Second), Progress: p}
}

// Encode writes the export as YAML.
func (e *Export) Encode() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("# A waymark progress export: share it with your instructor.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(e); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// isExport reports whether data is an export rather than a progress file,
// by its kind key, without decoding the rest.
func isExport(data []byte) bool {
	var head struct {
		Kind string `yaml:"kind"`
	}
	_ = yaml.Unmarshal(data, &head)
	return head.Kind == ExportKind
}

// decodeExport reads an export strictly, as waymark reads every file:
// unknown keys and values of the wrong kind are errors at their line.
func decodeExport(name string, data []byte) (*Export, error) {
	var e Export
	if _, errs := yamlstrict.DecodeFile(name, data, &e); len(errs) > 0 {
		return nil, errs.Err()
	}
	switch {
	case e.Format > ExportFormat:
		return nil, fmt.Errorf("export format %d is newer than this waymark reads (%d): update waymark", e.Format, ExportFormat)
	case e.Progress == nil:
		return nil, errors.New("the export has no progress")
	}
	for id, st := range e.Progress.Topics {
		if !st.Status.Valid() {
			return nil, fmt.Errorf("topic %s: unknown status %q", id, st.Status)
		}
	}
	return &e, nil
}
