package progress

import (
	"fmt"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/internal/yamlstrict"
)

// header opens every saved file, so that a learner who finds it in their
// repository knows what it is and that editing it is allowed.
const header = "# waymark progress — safe to edit by hand and to commit\n"

// fileDoc is what a progress file may hold in any format this waymark can
// read: the current fields plus format 0's done and doing lists. Decoding
// into the union lets one strict pass serve every format.
type fileDoc struct {
	Format     *int                     `yaml:"format"`
	Curriculum string                   `yaml:"curriculum"`
	Topics     map[string]TopicState    `yaml:"topics"`
	Quizzes    map[string]QuizResult    `yaml:"quizzes"`
	Review     map[string]ReviewCard    `yaml:"review"`
	Projects   map[string]Folders       `yaml:"projects"`
	Exercises  map[string]ExerciseState `yaml:"exercises"`
	Log        []LogEntry               `yaml:"log"`
	Settings   *Settings                `yaml:"settings"`
	Done       []string                 `yaml:"done,legacy"`
	Doing      []string                 `yaml:"doing,legacy"`
}

// decode reads a progress file strictly and brings it to the current format
// in memory. It returns the format the file was in, so that the caller can
// back up the original before saving a migrated file. Empty files decode as
// fresh progress: there is nothing in them to lose.
func decode(path string, data []byte) (*Progress, int, error) {
	body, errs := yamlstrict.Parse(path, data)
	if yamlstrict.Empty(errs) {
		return New(""), Format, nil
	}
	if errs != nil {
		return nil, 0, parseError(errs)
	}
	// A newer waymark may have added fields: say "upgrade" rather than
	// "unknown key", so look at the format before anything else.
	var head struct {
		Format int `yaml:"format"`
	}
	if body.Decode(&head) == nil && head.Format > Format {
		return nil, 0, &NewerFormatError{Path: path, Format: head.Format}
	}
	// Aliases are allowed (a hand-edited file may use them); the decoder
	// bounds how far they can expand.
	d := &yamlstrict.Decoder{File: path, Aliases: true}
	var doc fileDoc
	d.Decode(body, &doc)
	if errs := d.Errors(); len(errs) > 0 {
		return nil, 0, parseError(errs)
	}

	format := 0
	if doc.Format != nil {
		format = *doc.Format
	}
	var probs []problem
	switch {
	case format > Format:
		return nil, 0, &NewerFormatError{Path: path, Format: format}
	case format < 0:
		probs = append(probs, problem{[]any{"format"}, fmt.Sprintf("format %d is not a format waymark ever wrote; the current one is %d", format, Format)})
	case format >= 1:
		if doc.Done != nil {
			probs = append(probs, problem{[]any{keyOf("done")}, fmt.Sprintf(`unknown field "done" (format %d keeps topic statuses under "topics:")`, format)})
		}
		if doc.Doing != nil {
			probs = append(probs, problem{[]any{keyOf("doing")}, fmt.Sprintf(`unknown field "doing" (format %d keeps topic statuses under "topics:")`, format)})
		}
	}
	probs = append(probs, validate(&doc)...)
	if len(probs) > 0 {
		return nil, 0, problemsError(path, body, probs)
	}
	if format >= 1 {
		// Format 1 held one folder per project where format 2 holds a
		// list; Folders reads either, so nothing else changes.
		return &Progress{Format: Format, Curriculum: doc.Curriculum, Topics: doc.Topics,
			Quizzes: doc.Quizzes, Review: doc.Review, Projects: doc.Projects, Exercises: doc.Exercises,
			Log: doc.Log, Settings: doc.Settings}, format, nil
	}
	if isEmpty(&doc) {
		return New(""), Format, nil
	}
	return migrate0(&doc), 0, nil
}

// isEmpty reports whether a file holds nothing but, say, comments or "~".
func isEmpty(d *fileDoc) bool {
	return d.Format == nil && d.Curriculum == "" && d.Topics == nil && d.Quizzes == nil && d.Review == nil &&
		d.Projects == nil && d.Exercises == nil && d.Log == nil && d.Settings == nil && d.Done == nil && d.Doing == nil
}

// migrate0 converts the pre-release layout, which listed topic ids under
// done: and doing: and had no format key, to the current format. Format 0 recorded no
// times, so migrated topics have a zero At. Done wins over doing, and any
// topics: entry written by hand wins over both.
func migrate0(d *fileDoc) *Progress {
	p := &Progress{Format: Format, Curriculum: d.Curriculum, Topics: d.Topics,
		Quizzes: d.Quizzes, Review: d.Review, Projects: d.Projects, Exercises: d.Exercises,
		Log: d.Log, Settings: d.Settings}
	if p.Topics == nil && len(d.Done)+len(d.Doing) > 0 {
		p.Topics = make(map[string]TopicState, len(d.Done)+len(d.Doing))
	}
	handWritten := make(map[string]bool, len(d.Topics))
	for id := range d.Topics {
		handWritten[id] = true
	}
	for _, id := range d.Doing {
		if !handWritten[id] {
			p.Topics[id] = TopicState{Status: StatusDoing}
		}
	}
	for _, id := range d.Done {
		if !handWritten[id] {
			p.Topics[id] = TopicState{Status: StatusDone}
		}
	}
	return p
}

// validate finds values that decode but cannot be right. Each problem
// carries its path so the error can name the line.
func validate(d *fileDoc) []problem {
	var probs []problem
	add := func(msg string, path ...any) { probs = append(probs, problem{path, msg}) }
	for id, st := range d.Topics {
		switch {
		case strings.TrimSpace(id) == "":
			add("a topic id is empty", "topics", keyOf(id))
		case st.Status == "":
			add(fmt.Sprintf("topic %q has no status (one of todo, doing, done, skipped)", id), "topics", id)
		case !st.Status.Valid():
			add(fmt.Sprintf("status %q is not one of todo, doing, done, skipped", st.Status), "topics", id, "status")
		}
	}
	for step, q := range d.Quizzes {
		switch {
		case strings.TrimSpace(step) == "":
			add("a quiz step id is empty", "quizzes", keyOf(step))
		case q.Of < 1:
			add(fmt.Sprintf("quiz %q: of must be the number of questions, at least 1", step), "quizzes", step, "of")
		case q.Best < 0 || q.Best > q.Of:
			add(fmt.Sprintf("quiz %q: best must be between 0 and of (%d)", step, q.Of), "quizzes", step, "best")
		case q.Attempts < 1:
			add(fmt.Sprintf("quiz %q: attempts must be at least 1", step), "quizzes", step, "attempts")
		}
	}
	for key, c := range d.Review {
		switch {
		case !ValidReviewKey(key):
			add(fmt.Sprintf("review key %q is not a step id, a slash and 8 hexadecimal digits (like web/1a2b3c4d)", key), "review", keyOf(key))
		case c.Box < 1 || c.Box > ReviewBoxes:
			add(fmt.Sprintf("review %q: box must be between 1 and %d", key, ReviewBoxes), "review", key, "box")
		case !isDay(c.Due):
			add(fmt.Sprintf("review %q: due %q is not a date like 2026-11-24", key, c.Due), "review", key, "due")
		}
	}
	for name, folders := range d.Projects {
		if strings.TrimSpace(name) == "" {
			add("a project name is empty", "projects", keyOf(name))
			continue
		}
		if len(folders) == 0 {
			add(fmt.Sprintf("project %q is empty; list its folders, each with at least dir and stack", name), "projects", keyOf(name))
		}
		dirs := make(map[string]bool, len(folders))
		for i, pr := range folders {
			if pr == nil {
				add(fmt.Sprintf("project %q: an entry is empty; it needs at least dir and stack", name), "projects", name, i)
				continue
			}
			if dirs[pr.Dir] {
				add(fmt.Sprintf("project %q lists the folder %q twice", name, pr.Dir), "projects", name, i, "dir")
			}
			dirs[pr.Dir] = true
			for ms, m := range pr.Milestones {
				switch {
				case strings.TrimSpace(ms) == "":
					add("a milestone id is empty", "projects", name, i, "milestones", keyOf(ms))
				case m.Passed.IsZero():
					add(fmt.Sprintf("milestone %q has no passed time", ms), "projects", name, i, "milestones", ms)
				case m.ChecksSHA256 != "" && !isSHA256(m.ChecksSHA256):
					add("checks_sha256 must be 64 hexadecimal digits", "projects", name, i, "milestones", ms, "checks_sha256")
				}
			}
		}
	}
	for id, e := range d.Exercises {
		switch {
		case strings.TrimSpace(id) == "":
			add("an exercise id is empty", "exercises", keyOf(id))
		case e.Hints < 0:
			add(fmt.Sprintf("exercise %q: hints is how many hints you have seen, 0 or more", id), "exercises", id, "hints")
		case e.Passed.IsZero() && (e.ChecksSHA256 != "" || e.Stack != ""):
			add(fmt.Sprintf("exercise %q has checks_sha256 or stack but no passed time", id), "exercises", id)
		case e.ChecksSHA256 != "" && !isSHA256(e.ChecksSHA256):
			add("checks_sha256 must be 64 hexadecimal digits", "exercises", id, "checks_sha256")
		}
	}
	for i, e := range d.Log {
		if !isDay(e.Day) {
			add(fmt.Sprintf("day %q is not a date like 2026-11-24", e.Day), "log", i, "day")
		}
		if e.Minutes < 1 || e.Minutes > MinutesPerDay {
			add(fmt.Sprintf("minutes must be between 1 and %d (one day), not %d", MinutesPerDay, e.Minutes), "log", i, "minutes")
		}
	}
	for _, list := range []struct {
		key string
		ids []string
	}{{"done", d.Done}, {"doing", d.Doing}} {
		for i, id := range list.ids {
			if strings.TrimSpace(id) == "" {
				add("a topic id is empty", list.key, i)
			}
		}
	}
	return probs
}

// isDay reports whether s is a date written YYYY-MM-DD.
func isDay(s string) bool {
	_, err := time.Parse(dayLayout, s)
	return err == nil
}

func isSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
