package curriculum

import (
	"encoding/binary"
	"errors"
	"math"
)

// The cache keeps a curriculum in a layout of its own rather than gob.
// Decoding the built-in roadmap with gob took about a millisecond and
// 5,000 allocations of the few milliseconds that every command has; this
// layout is read in one pass, and every string decoded is a slice of the
// one string the entry was read into. The layout is each field in the
// order of its declaration: integers and lengths as varints, a float as
// its 8 bytes, a string as its length and bytes, a slice as its length
// plus one (0 for nil, as yaml.v3 leaves an absent list), a pointer as a
// presence byte then what it points to. A test fills every field of every
// type, so that a field added to a type and not here fails it.

// encodeCurriculum returns c in the cache's layout.
func encodeCurriculum(c *Curriculum) []byte {
	e := &encoder{}
	e.int(c.Format)
	e.str(c.ID)
	e.str(c.Title)
	e.str(c.Intro)
	e.length(len(c.Steps), c.Steps == nil)
	for _, s := range c.Steps {
		e.step(s)
	}
	e.length(len(c.Skills), c.Skills == nil)
	for _, s := range c.Skills {
		e.bool(s != nil)
		if s != nil {
			e.str(s.ID)
			e.str(s.Title)
			e.str(s.Group)
		}
	}
	e.length(len(c.Career.Roles), c.Career.Roles == nil)
	for _, r := range c.Career.Roles {
		e.str(r.Title)
		e.str(r.Summary)
	}
	e.length(len(c.Career.Salaries), c.Career.Salaries == nil)
	for _, s := range c.Career.Salaries {
		e.str(s.Region)
		e.str(s.Level)
		e.str(s.Range)
		e.int(s.Year)
	}
	e.str(c.Career.Note)
	e.length(len(c.FAQ), c.FAQ == nil)
	for _, f := range c.FAQ {
		e.str(f.Q)
		e.str(f.A)
	}
	return e.b
}

func (e *encoder) step(s *Step) {
	e.bool(s != nil)
	if s == nil {
		return
	}
	e.str(s.ID)
	e.str(s.Title)
	e.str(s.Summary)
	e.str(s.Advice)
	e.length(len(s.Topics), s.Topics == nil)
	for _, t := range s.Topics {
		e.topic(t)
	}
	e.bool(s.Quiz != nil)
	if q := s.Quiz; q != nil {
		e.float(q.Pass)
		e.length(len(q.Questions), q.Questions == nil)
		for _, qu := range q.Questions {
			e.str(qu.Q)
			e.strs(qu.Choices)
			e.int(qu.Answer)
			e.str(qu.Explain)
		}
	}
	e.strs(s.Projects)
}

func (e *encoder) topic(t *Topic) {
	e.bool(t != nil)
	if t == nil {
		return
	}
	e.str(t.ID)
	e.str(t.Title)
	e.str(t.Summary)
	e.str(t.Lesson)
	e.length(len(t.Resources), t.Resources == nil)
	for _, r := range t.Resources {
		e.str(r.Title)
		e.str(r.URL)
		e.str(r.Kind)
	}
	e.strs(t.Skills)
	e.strs(t.Requires)
	e.float(t.Hours)
	e.bool(t.Optional)
	e.str(t.Step)
}

type encoder struct{ b []byte }

func (e *encoder) int(n int) { e.b = binary.AppendVarint(e.b, int64(n)) }

func (e *encoder) length(n int, isNil bool) {
	if isNil {
		e.int(0)
		return
	}
	e.int(n + 1)
}

func (e *encoder) str(s string) {
	e.int(len(s))
	e.b = append(e.b, s...)
}

func (e *encoder) strs(ss []string) {
	e.length(len(ss), ss == nil)
	for _, s := range ss {
		e.str(s)
	}
}

func (e *encoder) bool(v bool) {
	b := byte(0)
	if v {
		b = 1
	}
	e.b = append(e.b, b)
}

func (e *encoder) float(f float64) { e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(f)) }

var errCorrupt = errors.New("curriculum cache entry is damaged")

// decodeCurriculum reads what encodeCurriculum wrote; the strings of the
// result share data's copy.
func decodeCurriculum(data []byte) (*Curriculum, error) {
	d := &decoder{s: string(data)}
	c := &Curriculum{}
	c.Format = d.int()
	c.ID = d.str()
	c.Title = d.str()
	c.Intro = d.str()
	if n, ok := d.length(); ok {
		c.Steps = make([]*Step, n)
		for i := range c.Steps {
			c.Steps[i] = d.step()
		}
	}
	if n, ok := d.length(); ok {
		c.Skills = make([]*Skill, n)
		for i := range c.Skills {
			if d.bool() {
				c.Skills[i] = &Skill{ID: d.str(), Title: d.str(), Group: d.str()}
			}
		}
	}
	if n, ok := d.length(); ok {
		c.Career.Roles = make([]Role, n)
		for i := range c.Career.Roles {
			c.Career.Roles[i] = Role{Title: d.str(), Summary: d.str()}
		}
	}
	if n, ok := d.length(); ok {
		c.Career.Salaries = make([]Salary, n)
		for i := range c.Career.Salaries {
			c.Career.Salaries[i] = Salary{Region: d.str(), Level: d.str(), Range: d.str(), Year: d.int()}
		}
	}
	c.Career.Note = d.str()
	if n, ok := d.length(); ok {
		c.FAQ = make([]FAQ, n)
		for i := range c.FAQ {
			c.FAQ[i] = FAQ{Q: d.str(), A: d.str()}
		}
	}
	if d.err != nil || d.i != len(d.s) {
		return nil, errCorrupt
	}
	return c, nil
}

func (d *decoder) step() *Step {
	if !d.bool() {
		return nil
	}
	s := &Step{ID: d.str(), Title: d.str(), Summary: d.str(), Advice: d.str()}
	if n, ok := d.length(); ok {
		s.Topics = make([]*Topic, n)
		for i := range s.Topics {
			s.Topics[i] = d.topic()
		}
	}
	if d.bool() {
		s.Quiz = &Quiz{Pass: d.float()}
		if n, ok := d.length(); ok {
			s.Quiz.Questions = make([]Question, n)
			for i := range s.Quiz.Questions {
				s.Quiz.Questions[i] = Question{Q: d.str(), Choices: d.strs(), Answer: d.int(), Explain: d.str()}
			}
		}
	}
	s.Projects = d.strs()
	return s
}

func (d *decoder) topic() *Topic {
	if !d.bool() {
		return nil
	}
	t := &Topic{ID: d.str(), Title: d.str(), Summary: d.str(), Lesson: d.str()}
	if n, ok := d.length(); ok {
		t.Resources = make([]Resource, n)
		for i := range t.Resources {
			t.Resources[i] = Resource{Title: d.str(), URL: d.str(), Kind: d.str()}
		}
	}
	t.Skills = d.strs()
	t.Requires = d.strs()
	t.Hours = d.float()
	t.Optional = d.bool()
	t.Step = d.str()
	return t
}

// decoder reads the layout; after the first error it reads zeros, and err
// says the entry is damaged.
type decoder struct {
	s   string
	i   int
	err error
}

func (d *decoder) int() int {
	var x uint64
	for shift := 0; shift < 64; shift += 7 {
		if d.i >= len(d.s) {
			d.err = errCorrupt
			return 0
		}
		b := d.s[d.i]
		d.i++
		x |= uint64(b&0x7f) << shift
		if b < 0x80 {
			v := int64(x >> 1) // zig-zag, as binary.AppendVarint writes
			if x&1 != 0 {
				v = ^v
			}
			return int(v)
		}
	}
	d.err = errCorrupt
	return 0
}

// length reads a slice's length; ok is false for a nil slice. A length
// longer than what is left cannot be right, and is refused before it is
// allocated.
func (d *decoder) length() (int, bool) {
	n := d.int() - 1
	if n < 0 || n > len(d.s)-d.i {
		if n != -1 {
			d.err = errCorrupt
		}
		return 0, false
	}
	return n, true
}

func (d *decoder) str() string {
	n := d.int()
	if n < 0 || n > len(d.s)-d.i {
		d.err = errCorrupt
		return ""
	}
	s := d.s[d.i : d.i+n]
	d.i += n
	return s
}

func (d *decoder) strs() []string {
	n, ok := d.length()
	if !ok {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = d.str()
	}
	return ss
}

func (d *decoder) bool() bool {
	if d.i >= len(d.s) {
		d.err = errCorrupt
		return false
	}
	b := d.s[d.i]
	d.i++
	if b > 1 {
		d.err = errCorrupt
	}
	return b == 1
}

func (d *decoder) float() float64 {
	if len(d.s)-d.i < 8 {
		d.err = errCorrupt
		return 0
	}
	var u uint64
	for k := 7; k >= 0; k-- {
		u = u<<8 | uint64(d.s[d.i+k])
	}
	d.i += 8
	return math.Float64frombits(u)
}
