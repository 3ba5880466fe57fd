package check

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/waymark-dev/waymark/internal/lazyregexp"
	"github.com/waymark-dev/waymark/internal/yamlstrict"
)

// JudgeStep runs the learner's function through the workspace's harness on
// a list of cases: from a case file, written out, or generated.
type JudgeStep struct {
	Pos       `yaml:"-"`
	Cases     *JudgeCases `yaml:"cases"`      // a JSON file in the exercise folder, or a list
	Generate  []*Gen      `yaml:"generate"`   // the arguments of one generated case
	Repeat    int         `yaml:"repeat"`     // generated cases, seeds seed, seed+1, …; default 1
	Want      *Value      `yaml:"want"`       // reference, or the value every case must return
	Compare   string      `yaml:"compare"`    // exact (default) | unordered | float
	TimeLimit TimeLimit   `yaml:"time_limit"` // 10x the reference's time, or a duration; at least 1s
	Memory    ByteSize    `yaml:"memory"`     // DefaultJudgeMemory if 0
	TooSlow   string      `yaml:"too_slow"`   // said when the answer is right but late: "O(n²)?"
}

// JudgeCases is a case file of the exercise (a JSON array of {"name",
// "args", "want"}) or the cases written in the check file.
type JudgeCases struct {
	File   string
	Inline []*JudgeCase
}

// JudgeCase is one call of the learner's function.
type JudgeCase struct {
	Pos  `yaml:"-"`
	Name string `yaml:"name"`
	Args *Value `yaml:"args"` // a list: the function's arguments
	Want *Value `yaml:"want"` // absent: the reference's answer
}

// TimeLimit is a case's time limit: a factor of the reference's time on
// the same case (10x), or a duration (2s). Either way at least 1s.
type TimeLimit struct {
	Factor   float64
	Duration time.Duration
	Text     string
}

// ByteSize is an amount of memory: 256MiB, 1GiB, 512MB.
type ByteSize int64

// Gen makes one argument of a generated case, deterministically from its
// seed.
type Gen struct {
	Pos      `yaml:"-"`
	Gen      string   `yaml:"gen"`      // int, ints, sorted-ints, float, floats, string, strings, bool
	N        int      `yaml:"n"`        // items of a list, characters of a string
	Min      *float64 `yaml:"min"`      // numbers: the smallest (inclusive)
	Max      *float64 `yaml:"max"`      // numbers: the largest (inclusive for integers)
	Seed     *int64   `yaml:"seed"`     // default 1
	Unique   bool     `yaml:"unique"`   // ints, sorted-ints: no value twice
	Len      int      `yaml:"len"`      // strings: the length of each
	Alphabet string   `yaml:"alphabet"` // string, strings: the characters used; a-z by default
	Value    *Value   `yaml:"value"`    // int, float, string, bool: this value, not a random one
}

// Limits of judge steps.
const (
	DefaultJudgeMemory = 512 << 20
	MinJudgeMemory     = 16 << 20
	MaxJudgeMemory     = 16 << 30
	DefaultJudgeFactor = 10
	DefaultJudgeCase   = 5 * time.Second // a case's limit without a reference
	MinJudgeCase       = time.Second     // the floor of every case's limit
	MaxJudgeCase       = time.Minute
	MaxJudgeCases      = 10000
	MaxGenerated       = 2000000 // items of one generated argument
	MaxRepeat          = 100
)

var judgeCompares = []string{"", "exact", "unordered", "float"}

// UnmarshalStrict reads a case file's path or a list of cases.
func (out *JudgeCases) UnmarshalStrict(d *yamlstrict.Decoder, n *yaml.Node) {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag != "!!str" || n.Value == "" {
			d.Errorf(n, "cases: expected a case file such as fixtures/examples.json, or a list of cases; got %s", yamlstrict.KindName(n))
			return
		}
		out.File = n.Value
	case yaml.SequenceNode:
		d.DecodeValue(n, reflect.ValueOf(&out.Inline).Elem())
	default:
		d.Errorf(n, "cases: expected a case file such as fixtures/examples.json, or a list of cases; got %s", yamlstrict.KindName(n))
	}
}

// factorRE is a multiple of a measured time, 10x: a judge's time limit
// of the reference, a load step's limit of its calibration.
var factorRE = lazyregexp.New(`^\s*(\d+(?:\.\d+)?)\s*[x×]\s*$`)

// UnmarshalStrict reads 10x (a factor of the reference's time) or a
// duration of at least 1s.
func (out *TimeLimit) UnmarshalStrict(d *yamlstrict.Decoder, n *yaml.Node) {
	if n.Kind != yaml.ScalarNode {
		d.Errorf(n, "time_limit: expected 10x (the reference's time times 10) or a duration such as 2s; got %s", yamlstrict.KindName(n))
		return
	}
	out.Text = strings.TrimSpace(n.Value)
	if m := factorRE.FindStringSubmatch(n.Value); m != nil {
		f, _ := strconv.ParseFloat(m[1], 64)
		if f < 1 || f > 1000 {
			d.Errorf(n, "time_limit: a factor from 1x to 1000x, got %s", n.Value)
			return
		}
		out.Factor = f
		return
	}
	dur, err := time.ParseDuration(n.Value)
	switch {
	case err != nil:
		d.Errorf(n, "time_limit: expected 10x (the reference's time times 10) or a duration such as 2s; got %q", n.Value)
	case dur < MinJudgeCase || dur > MaxJudgeCase:
		d.Errorf(n, "time_limit: a duration from %s to %s (a shorter one fails on a slow machine: use a factor such as 10x)", MinJudgeCase, MaxJudgeCase)
	default:
		out.Duration = dur
	}
}

var byteSizeRE = lazyregexp.New(`^\s*(\d+)\s*(B|KB|KiB|MB|MiB|GB|GiB)\s*$`)

// UnmarshalStrict reads an amount of memory such as 256MiB.
func (out *ByteSize) UnmarshalStrict(d *yamlstrict.Decoder, n *yaml.Node) {
	m := byteSizeRE.FindStringSubmatch(n.Value)
	if n.Kind != yaml.ScalarNode || m == nil {
		d.Errorf(n, "memory: expected an amount such as 256MiB or 1GiB; got %s", yamlstrict.KindName(n))
		return
	}
	v, err := strconv.ParseInt(m[1], 10, 64)
	unit := map[string]int64{"B": 1, "KB": 1e3, "KiB": 1 << 10, "MB": 1e6, "MiB": 1 << 20, "GB": 1e9, "GiB": 1 << 30}[m[2]]
	if err != nil || v > math.MaxInt64/unit || v*unit < MinJudgeMemory || v*unit > MaxJudgeMemory {
		d.Errorf(n, "memory: from %s to %s", sizeText(MinJudgeMemory), sizeText(MaxJudgeMemory))
		return
	}
	*out = ByteSize(v * unit)
}

// stepWant is the step's want for cases without their own: nil for the
// reference's answer.
func (j *JudgeStep) stepWant() *Value {
	if j.Want == nil {
		return nil
	}
	if s, ok := j.Want.V.(string); ok && s == "reference" {
		return nil
	}
	return j.Want
}

func (d *decoder) validateJudge(j *JudgeStep) {
	if (j.Cases == nil) == (j.Generate == nil) {
		d.errorAt(j.Pos, "judge: give exactly one of cases (a case file or a list) and generate")
	}
	if j.Cases != nil && j.Cases.File != "" && !relativePath(j.Cases.File) {
		d.errorAt(j.Pos, "judge: cases %q must be a relative path inside the exercise's folder, such as fixtures/examples.json", j.Cases.File)
	}
	if j.Cases != nil && j.Cases.File == "" && len(j.Cases.Inline) == 0 {
		d.errorAt(j.Pos, "judge: cases is an empty list")
	}
	if j.Cases != nil && len(j.Cases.Inline) > MaxJudgeCases {
		d.errorAt(j.Pos, "judge: at most %d cases", MaxJudgeCases)
	}
	if j.Cases != nil {
		for _, c := range j.Cases.Inline {
			if c.Args == nil {
				d.errorAt(c.Pos, "judge: a case needs args, the list of the function's arguments")
			} else if _, ok := c.Args.V.([]any); !ok {
				d.errorAt(c.Pos, "judge: args is a list of the function's arguments, such as [[2, 7, 11, 15], 9]")
			}
		}
	}
	if j.Generate != nil && j.Want == nil {
		d.errorAt(j.Pos, "judge: generated cases need want: reference (or the value each must return)")
	}
	if j.Repeat < 0 || j.Repeat > MaxRepeat || j.Repeat > 0 && j.Generate == nil {
		d.errorAt(j.Pos, "judge: repeat (from 1 to %d) goes with generate", MaxRepeat)
	}
	if !slices.Contains(judgeCompares, j.Compare) {
		d.errorAt(j.Pos, "judge: compare %q is not one of exact, unordered, float", j.Compare)
	}
	if len([]rune(j.TooSlow)) > 60 {
		d.errorAt(j.Pos, "judge: too_slow is a short guess such as \"O(n²)?\" (at most 60 characters)")
	}
	for _, g := range j.Generate {
		if msg := g.problem(); msg != "" {
			d.errorAt(g.Pos, "judge: %s", msg)
		}
	}
}

// describeLimit says what a case's time limit is, for a report.
func describeLimit(l TimeLimit, limit, ref time.Duration) string {
	if l.Factor == 0 {
		return "at most " + limit.String()
	}
	return fmt.Sprintf("at most %s (%s the reference's %s, at least %s)", roundDuration(limit), l.Text, roundDuration(ref), MinJudgeCase)
}

func roundDuration(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(10 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond)
	}
	return d
}
