package roadmap

// The content lint: the countable parts of the bar the built-in roadmap is
// held to (see docs/curriculum.md for the format). Validation accepts any
// well-formed curriculum; these tests hold waymark's own one to more.
//
// The rules, as the tests below count them:
//
//   - Every topic has a lesson and at least two resources, and every
//     resource URL is https.
//   - Every lesson has at least minLessonWords words of prose (words
//     outside fenced code blocks), and every fenced code block names its
//     language after the opening fence (```sh, ```sql, ```text…).
//   - Every step's quiz has at least minQuestions questions, and no two
//     questions in the roadmap have the same text once case, punctuation
//     and spacing are ignored.
//   - At least a third of each step's questions show the learner something
//     concrete to read or debug: code, an HTTP exchange, a query, a config
//     file, command output. A question counts when its text holds an
//     exhibit, that is a line break followed by a line indented by at least
//     two spaces (how the quiz shows code: the block stands out from the
//     prose around it). Every line of a question written on several lines
//     is at most maxExhibitLine characters long, so that a terminal never
//     wraps it.
//   - The right answer is the longest choice (or ties for longest) in at
//     most 35% of the questions, per step and over the whole roadmap, so
//     that "pick the longest" is no strategy; and no answer position holds
//     more than half of a step's answers.
//   - Each explanation has at least two sentences: why the answer is right
//     and why the tempting wrong choice is wrong.
//   - A question, its choices and its explanation fit the quiz screen of an
//     80×24 terminal without being cut off: the screen does not scroll.
//   - The FAQ on how long it takes states the study hours the topics add
//     up to (within hoursSlack) and the months they take at the pace
//     `waymark stats` suggests; any "N topics" in the intro or the FAQ is
//     the number of topics that count.

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/waymark-dev/waymark/internal/curriculum"
	"github.com/waymark-dev/waymark/internal/progress"
)

const (
	minQuestions   = 12
	minLessonWords = 300
	maxExhibitLine = 72
	// maxLongestShare is the largest share of questions whose right answer
	// may be the longest choice.
	maxLongestShare = 0.35
)

func load(t *testing.T) *curriculum.Curriculum {
	t.Helper()
	c, err := curriculum.Load(FS, nil)
	if err != nil {
		t.Fatalf("built-in curriculum does not load:\n%v", err)
	}
	return c
}

// lesson is topic id's lesson Markdown.
func lesson(t *testing.T, c *curriculum.Curriculum, id string) string {
	t.Helper()
	md, err := c.Lesson(id)
	if err != nil {
		t.Fatal(err)
	}
	return md
}

func TestEveryTopicHasALessonAndResources(t *testing.T) {
	c := load(t)
	for _, s := range c.Steps {
		for _, tp := range s.Topics {
			if strings.TrimSpace(lesson(t, c, tp.ID)) == "" {
				t.Errorf("topic %s (step %s) has no lesson", tp.ID, s.ID)
			}
			if len(tp.Resources) < 2 {
				t.Errorf("topic %s has %d resources, want at least 2", tp.ID, len(tp.Resources))
			}
		}
	}
}

func TestEveryResourceURLIsHTTPS(t *testing.T) {
	c := load(t)
	for _, s := range c.Steps {
		for _, tp := range s.Topics {
			for _, r := range tp.Resources {
				u, err := url.Parse(r.URL)
				if err != nil || u.Scheme != "https" || u.Host == "" {
					t.Errorf("topic %s: resource %q has URL %q, want an https URL", tp.ID, r.Title, r.URL)
				}
			}
		}
	}
}

// fence matches the opening or closing line of a fenced code block and
// captures what follows the fence: the language tag on an opening line.
var fence = regexp.MustCompile("^\\s{0,3}(```+|~~~+)\\s*(\\S*)")

// splitLesson returns a lesson's prose (outside fenced blocks) and the
// 1-based line numbers of the blocks that open without a language tag.
func splitLesson(md string) (prose string, untagged []int) {
	var b strings.Builder
	open := "" // the fence that opened the current block
	for i, line := range strings.Split(md, "\n") {
		m := fence.FindStringSubmatch(line)
		switch {
		case open == "" && m != nil:
			open = m[1]
			if m[2] == "" {
				untagged = append(untagged, i+1)
			}
		case open != "" && m != nil && strings.HasPrefix(m[1], open[:1]) && len(m[1]) >= len(open) && m[2] == "":
			open = ""
		case open == "":
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	return b.String(), untagged
}

// words counts the words of prose: runs of non-space text holding at least
// one letter or digit (Markdown marks such as "-", "|" or "##" are not words).
func words(prose string) int {
	n := 0
	for _, f := range strings.Fields(prose) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

func TestSplitLesson(t *testing.T) {
	md := "# T\n\nOne two.\n\n```sh\necho hi there\n```\n\n```\nplain\n```\n\n````markdown\n```\nnested\n```\n````\nThree - four |\n"
	prose, untagged := splitLesson(md)
	if got := words(prose); got != 5 { // T One two. Three four
		t.Errorf("words = %d in %q, want 5", got, prose)
	}
	if fmt.Sprint(untagged) != "[9]" {
		t.Errorf("untagged blocks at lines %v, want [9]", untagged)
	}
}

func TestLessonsAreLongEnough(t *testing.T) {
	c := load(t)
	for _, tp := range c.Topics() {
		md := lesson(t, c, tp.ID)
		if md == "" {
			continue // reported by TestEveryTopicHasALessonAndResources
		}
		prose, _ := splitLesson(md)
		if n := words(prose); n < minLessonWords {
			t.Errorf("%s has %d words of prose, want at least %d", tp.Lesson, n, minLessonWords)
		}
	}
}

func TestLessonCodeBlocksNameTheirLanguage(t *testing.T) {
	c := load(t)
	for _, tp := range c.Topics() {
		_, untagged := splitLesson(lesson(t, c, tp.ID))
		for _, line := range untagged {
			t.Errorf("%s:%d: code block without a language tag (```sh, ```text, …)", tp.Lesson, line)
		}
	}
}

// normalise reduces a question to its words, so that two questions that
// differ only in case, punctuation or spacing compare equal.
func normalise(q string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

func TestNoQuestionIsAskedTwice(t *testing.T) {
	c := load(t)
	seen := map[string]string{}
	for _, s := range c.Steps {
		if s.Quiz == nil {
			continue
		}
		for i, q := range s.Quiz.Questions {
			where := fmt.Sprintf("%s question %d", s.ID, i+1)
			k := normalise(q.Q)
			if first, ok := seen[k]; ok {
				t.Errorf("%s repeats %s: %q", where, first, firstLine(q.Q))
				continue
			}
			seen[k] = where
		}
	}
}

func TestEveryStepHasALargeQuiz(t *testing.T) {
	c := load(t)
	for _, s := range c.Steps {
		n := 0
		if s.Quiz != nil {
			n = len(s.Quiz.Questions)
		}
		if n < minQuestions {
			t.Errorf("step %s has %d quiz questions, want at least %d", s.ID, n, minQuestions)
		}
	}
}

// hasExhibit reports whether a question shows something to read: a line
// after the first that is indented by at least two spaces.
func hasExhibit(q string) bool {
	lines := strings.Split(q, "\n")
	for _, l := range lines[1:] {
		if strings.HasPrefix(l, "  ") && strings.TrimSpace(l) != "" {
			return true
		}
	}
	return false
}

func TestHasExhibit(t *testing.T) {
	for q, want := range map[string]bool{
		"Which status code means created?":                    false,
		"What is wrong?\n\n  SELECT * FROM t\n\nFix it.":      true,
		"Two paragraphs.\nNo indented block.":                 false,
		"  Indented only on the first line, which is a title": false,
	} {
		if got := hasExhibit(q); got != want {
			t.Errorf("hasExhibit(%q) = %v, want %v", q, got, want)
		}
	}
}

func TestAThirdOfEachQuizReadsSomethingConcrete(t *testing.T) {
	c := load(t)
	for _, s := range c.Steps {
		if s.Quiz == nil || len(s.Quiz.Questions) == 0 {
			continue // reported by TestEveryStepHasALargeQuiz
		}
		n := 0
		for _, q := range s.Quiz.Questions {
			if hasExhibit(q.Q) {
				n++
			}
		}
		if total := len(s.Quiz.Questions); 3*n < total {
			t.Errorf("step %s: %d of %d questions show code, a request, a query, a config or output; want at least a third", s.ID, n, total)
		}
	}
}

func TestExhibitLinesFitATerminal(t *testing.T) {
	c := load(t)
	for _, s := range c.Steps {
		if s.Quiz == nil {
			continue
		}
		for i, q := range s.Quiz.Questions {
			if !strings.Contains(q.Q, "\n") {
				continue // one paragraph: wrapped to the terminal's width
			}
			for j, l := range strings.Split(q.Q, "\n") {
				if n := utf8.RuneCountInString(l); n > maxExhibitLine {
					t.Errorf("%s question %d, line %d: %d characters, want at most %d: %q", s.ID, i+1, j+1, n, maxExhibitLine, l)
				}
			}
		}
	}
}

// longestIsRight reports whether the right answer is at least as long as
// every other choice, counted in characters.
func longestIsRight(q curriculum.Question) bool {
	right := utf8.RuneCountInString(q.Choices[q.Answer])
	for i, ch := range q.Choices {
		if i != q.Answer && utf8.RuneCountInString(ch) > right {
			return false
		}
	}
	return true
}

func TestTheLongestChoiceIsRarelyRight(t *testing.T) {
	c := load(t)
	longest, total := 0, 0
	for _, s := range c.Steps {
		if s.Quiz == nil || len(s.Quiz.Questions) == 0 {
			continue
		}
		n := 0
		for _, q := range s.Quiz.Questions {
			if longestIsRight(q) {
				n++
			}
		}
		qs := len(s.Quiz.Questions)
		if float64(n) > maxLongestShare*float64(qs) {
			t.Errorf("step %s: the right answer is the longest choice in %d of %d questions, want at most %.0f%%", s.ID, n, qs, 100*maxLongestShare)
		}
		longest += n
		total += qs
	}
	if float64(longest) > maxLongestShare*float64(total) {
		t.Errorf("the right answer is the longest choice in %d of %d questions, want at most %.0f%%", longest, total, 100*maxLongestShare)
	}
}

func TestAnswerPositionsVary(t *testing.T) {
	c := load(t)
	for _, s := range c.Steps {
		if s.Quiz == nil || len(s.Quiz.Questions) == 0 {
			continue
		}
		count := map[int]int{}
		for _, q := range s.Quiz.Questions {
			count[q.Answer]++
		}
		for pos, n := range count {
			if 2*n > len(s.Quiz.Questions) {
				t.Errorf("step %s: choice %d is the answer to %d of %d questions, want at most half", s.ID, pos+1, n, len(s.Quiz.Questions))
			}
		}
	}
}

// sentenceEnd finds the end of a sentence inside a text: a full stop,
// question or exclamation mark followed by a space.
var sentenceEnd = regexp.MustCompile(`[.!?]["')]?\s`)

func TestExplanationsSayWhyAndWhyNot(t *testing.T) {
	c := load(t)
	for _, s := range c.Steps {
		if s.Quiz == nil {
			continue
		}
		for i, q := range s.Quiz.Questions {
			if n := len(sentenceEnd.FindAllStringIndex(strings.TrimSpace(q.Explain)+" ", -1)); n < 2 {
				t.Errorf("%s question %d: the explanation is one sentence; say why the answer is right and why the tempting wrong one is not", s.ID, i+1)
			}
		}
	}
}

// Quiz screen layout of an 80×24 terminal (internal/tui/quiz.go): the body
// is the window less four lines (tabs, breadcrumb, status, key help); the
// screen spends two lines on its heading, one on the question counter and
// one blank line each between question, choices and explanation; under the
// last question two more say how to see the score.
const (
	screenWidth  = 80
	screenBody   = 24 - 4
	screenFrame  = 2 + 1 + 1 + 1
	lastQuestion = 2
	worstVerdict = "✗ Not quite: the answer is 4. "
)

// quizLines counts the lines a question takes on the quiz screen once it
// has been answered, wrongly: the tallest it gets.
func quizLines(q curriculum.Question, last bool) int {
	lines := func(s string, w int) int { return strings.Count(ansi.Wrap(s, w, ""), "\n") + 1 }
	n := screenFrame + lines(q.Q, screenWidth) + lines(worstVerdict+q.Explain, screenWidth)
	if last {
		n += lastQuestion
	}
	for i, ch := range q.Choices {
		n += lines(fmt.Sprintf("%d) %s", i+1, ch), screenWidth-4)
	}
	return n
}

func TestEveryQuestionFitsAnEightyByTwentyFourTerminal(t *testing.T) {
	c := load(t)
	for _, s := range c.Steps {
		if s.Quiz == nil {
			continue
		}
		for i, q := range s.Quiz.Questions {
			if n := quizLines(q, i == len(s.Quiz.Questions)-1); n > screenBody {
				t.Errorf("%s question %d takes %d lines on the quiz screen, %d fit: shorten the exhibit, the choices or the explanation (%q)", s.ID, i+1, n, screenBody, firstLine(q.Q))
			}
		}
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// The FAQ and the intro state figures of the roadmap itself: the study
// hours (the same sum `waymark stats` prints as "of about N hours"), the
// calendar time they take at the pace stats suggests, and how many topics
// count (what `waymark status` prints as "of N topics"). These tests hold
// the text to the topics, so that adding topics forces it to follow.

// hoursSlack is how far a stated "about N hours" may be from the sum of the
// topics' estimates, as a share of the sum: room for a round number.
const hoursSlack = 0.10

var (
	statedHours  = regexp.MustCompile(`\babout ([0-9][0-9,]*) hours\b`)
	statedMonths = regexp.MustCompile(`\babout (\w+) to (\w+) months\b`)
	statedTopics = regexp.MustCompile(`\b([0-9][0-9,]*) topics\b`)
	numberWords  = map[string]float64{
		"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
		"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
		"twelve": 12,
	}
)

// number reads a figure written in digits (with thousands commas) or, up
// to twelve, in words; ok is false for anything else.
func number(s string) (float64, bool) {
	if n, ok := numberWords[strings.ToLower(s)]; ok {
		return n, true
	}
	var n float64
	if _, err := fmt.Sscan(strings.ReplaceAll(s, ",", ""), &n); err != nil {
		return 0, false
	}
	return n, true
}

// howLong returns the FAQ's answer to how long the roadmap takes.
func howLong(t *testing.T, c *curriculum.Curriculum) string {
	t.Helper()
	for _, f := range c.FAQ {
		if strings.HasPrefix(strings.ToLower(f.Q), "how long") {
			return f.A
		}
	}
	t.Fatal("the FAQ has no question starting with \"How long\"")
	return ""
}

func TestTheFAQStatesTheRoadmapsStudyHours(t *testing.T) {
	c := load(t)
	total := progress.Summarize(c, progress.New(c.ID)).HoursTotal
	a := howLong(t, c)
	m := statedHours.FindStringSubmatch(a)
	if m == nil {
		t.Fatalf("the FAQ on how long it takes states no \"about N hours\"; the topics add up to %.0f hours:\n%s", total, a)
	}
	stated, _ := number(m[1])
	if d := stated - total; d > hoursSlack*total || -d > hoursSlack*total {
		t.Errorf("the FAQ says about %s hours, the topics add up to %.0f (stats says \"of about %.0f hours\"): want within %.0f%%", m[1], total, total, 100*hoursSlack)
	}
}

func TestTheFAQsCalendarTimeFollowsTheSuggestedPace(t *testing.T) {
	c := load(t)
	total := progress.Summarize(c, progress.New(c.ID)).HoursTotal
	const daysAMonth = 365.25 / 12
	months := total / progress.SuggestedHoursPerDay / daysAMonth
	a := howLong(t, c)
	m := statedMonths.FindStringSubmatch(a)
	if m == nil {
		t.Fatalf("the FAQ on how long it takes states no \"about X to Y months\"; at %.1f hours a day the roadmap takes %.1f months:\n%s", progress.SuggestedHoursPerDay, months, a)
	}
	lo, ok1 := number(m[1])
	hi, ok2 := number(m[2])
	if !ok1 || !ok2 {
		t.Fatalf("cannot read %q as a number of months", m[0])
	}
	// Rounded to whole months, the suggested pace must fall in the range.
	if months < lo-0.5 || months > hi+0.5 {
		t.Errorf("the FAQ says %q; at the suggested %.1f hours a day the roadmap's %.0f hours take %.1f months", m[0], progress.SuggestedHoursPerDay, total, months)
	}
}

func TestStatedTopicCountsMatchTheRoadmap(t *testing.T) {
	c := load(t)
	counted := progress.Summarize(c, progress.New(c.ID)).Total
	texts := map[string]string{"intro": c.Intro}
	for i, f := range c.FAQ {
		texts[fmt.Sprintf("FAQ %d (%s)", i+1, f.Q)] = f.A
	}
	for where, text := range texts {
		for _, m := range statedTopics.FindAllStringSubmatch(text, -1) {
			if n, ok := number(m[1]); ok && int(n) != counted {
				t.Errorf("%s says %q; the roadmap counts %d topics (as waymark status shows)", where, m[0], counted)
			}
		}
	}
}
