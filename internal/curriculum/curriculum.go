// Package curriculum holds the roadmap a learner follows: steps of topics with
// lessons, resources and quizzes, plus skills, career notes and an FAQ. It loads
// a curriculum from any fs.FS and validates it strictly, so that every problem
// names the file, line and column where it sits.
package curriculum

import (
	"io/fs"

	"github.com/waymark-dev/waymark/internal/yamlstrict"
)

// Format is the curriculum file format this version of waymark reads.
const Format = 1

// Curriculum is a whole roadmap, as read from curriculum.yaml.
type Curriculum struct {
	Format int      `yaml:"format"`
	ID     string   `yaml:"id"`
	Title  string   `yaml:"title"`
	Intro  string   `yaml:"intro,omitempty"`
	Steps  []*Step  `yaml:"steps"`
	Skills []*Skill `yaml:"skills"`
	Career Career   `yaml:"career"`
	FAQ    []FAQ    `yaml:"faq"`

	// content is what the curriculum was loaded from, where Lesson reads
	// the lessons.
	content fs.FS

	topics map[string]*Topic
	steps  map[string]*Step
	file   string
	index  yamlstrict.Index
	// exercises are read from exercises/ beside the file, by id; each
	// topic's are found by the exercise's topic (see TopicExercises).
	exercises []*Exercise
}

// Step is one stage of the roadmap: an ordered list of topics and a quiz.
type Step struct {
	ID       string   `yaml:"id"`
	Title    string   `yaml:"title"`
	Summary  string   `yaml:"summary"`
	Advice   string   `yaml:"advice,omitempty"`
	Topics   []*Topic `yaml:"topics"`
	Quiz     *Quiz    `yaml:"quiz,omitempty"`
	Projects []string `yaml:"projects,omitempty"`
}

// Topic is the unit of progress: something to learn, with a short summary,
// an optional lesson and links to read further.
type Topic struct {
	ID        string     `yaml:"id"`
	Title     string     `yaml:"title"`
	Summary   string     `yaml:"summary"`
	Lesson    string     `yaml:"lesson,omitempty"`
	Resources []Resource `yaml:"resources"`
	Skills    []string   `yaml:"skills"`
	Requires  []string   `yaml:"requires,omitempty"`
	Hours     float64    `yaml:"hours"`
	// Optional marks a topic as one of several alternatives (a language or
	// framework to choose); it still counts towards progress when done.
	Optional bool `yaml:"optional,omitempty"`

	// Step is the id of the step the topic belongs to.
	Step string `yaml:"-"`
}

// Resource is a link to read, watch or use.
type Resource struct {
	Title string `yaml:"title"`
	URL   string `yaml:"url"`
	Kind  string `yaml:"kind"`
}

// ResourceKinds are the values Resource.Kind may take.
var ResourceKinds = []string{"docs", "article", "video", "book", "course", "tool"}

// Quiz is a step's multiple-choice quiz.
type Quiz struct {
	// Pass is the share of right answers needed to pass, in (0, 1].
	Pass      float64    `yaml:"pass"`
	Questions []Question `yaml:"questions"`
}

// Question is one multiple-choice question; Answer indexes Choices from 0.
type Question struct {
	Q       string   `yaml:"q"`
	Choices []string `yaml:"choices"`
	Answer  int      `yaml:"answer"`
	Explain string   `yaml:"explain"`
}

// Skill is something a learner gets better at; topics are tagged with skills.
type Skill struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`
	Group string `yaml:"group"` // technical or soft
}

// Career holds the roles the roadmap leads to and salary estimates.
type Career struct {
	Roles    []Role   `yaml:"roles"`
	Salaries []Salary `yaml:"salaries"`
	Note     string   `yaml:"note"`
}

// Role is a job the roadmap prepares for.
type Role struct {
	Title   string `yaml:"title"`
	Summary string `yaml:"summary"`
}

// Salary is an estimated range for one region.
type Salary struct {
	Region string `yaml:"region"`
	Level  string `yaml:"level"`
	Range  string `yaml:"range"`
	Year   int    `yaml:"year"`
}

// FAQ is a frequently asked question and its answer.
type FAQ struct {
	Q string `yaml:"q"`
	A string `yaml:"a"`
}
