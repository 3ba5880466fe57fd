package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/waymark-dev/waymark/templates/tasks/go/internal/store"
)

// Limits on task fields.
const (
	maxTitleChars       = 200
	maxDescriptionChars = 10_000
	maxLabels           = 20
	maxLabelChars       = 50
)

// taskPatch is the task fields a request body gives: a nil field was not
// given. It serves both create (missing fields take defaults) and PATCH
// (missing fields stay as they are).
type taskPatch struct {
	Title, Description, Status, Priority *string
	DueDate                              *string // "" clears the due date (JSON null)
	Labels                               *[]string

	// invalid holds the fields whose JSON type was already wrong.
	invalid map[string]string
}

// readTaskPatch decodes the body into a taskPatch. The body is first read
// as a map of raw values so that a field of the wrong type becomes a 422
// naming that field, and an explicit null is told apart from a missing field.
func readTaskPatch(w http.ResponseWriter, r *http.Request) (taskPatch, bool) {
	var raw map[string]json.RawMessage
	if !decodeJSON(w, r, &raw) {
		return taskPatch{}, false
	}
	if raw == nil { // the body was "null"
		writeError(w, http.StatusBadRequest, "request body must be a JSON object")
		return taskPatch{}, false
	}
	p := taskPatch{invalid: map[string]string{}}
	p.Title = p.stringField(raw, "title")
	p.Description = p.stringField(raw, "description")
	p.Status = p.stringField(raw, "status")
	p.Priority = p.stringField(raw, "priority")
	if v, ok := raw["due_date"]; ok {
		var d *string
		if err := json.Unmarshal(v, &d); err != nil {
			p.invalid["due_date"] = "must be a date YYYY-MM-DD or null"
		} else if d == nil {
			p.DueDate = new(string)
		} else {
			p.DueDate = d
			if *d == "" {
				p.invalid["due_date"] = "must be a date YYYY-MM-DD or null"
			}
		}
	}
	if v, ok := raw["labels"]; ok {
		var labels []string
		if err := json.Unmarshal(v, &labels); err != nil || labels == nil {
			p.invalid["labels"] = "must be an array of strings"
		} else {
			p.Labels = &labels
		}
	}
	return p, true
}

// stringField reads raw[name] as a string; a value of another type is
// recorded as invalid.
func (p *taskPatch) stringField(raw map[string]json.RawMessage, name string) *string {
	v, ok := raw[name]
	if !ok {
		return nil
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		p.invalid[name] = "must be a string"
		return nil
	}
	return &s
}

// validate checks the given fields and returns a message per invalid field.
// It also normalizes them: titles and labels are trimmed, labels deduplicated.
func (p *taskPatch) validate() map[string]string {
	fields := p.invalid
	if p.Title != nil {
		*p.Title = strings.TrimSpace(*p.Title)
		switch {
		case *p.Title == "":
			fields["title"] = "must not be blank"
		case utf8.RuneCountInString(*p.Title) > maxTitleChars:
			fields["title"] = "must be at most 200 characters"
		}
	}
	if p.Description != nil && utf8.RuneCountInString(*p.Description) > maxDescriptionChars {
		fields["description"] = "must be at most 10000 characters"
	}
	if p.Status != nil && !oneOf(*p.Status, "todo", "doing", "done") {
		fields["status"] = "must be todo, doing or done"
	}
	if p.Priority != nil && !oneOf(*p.Priority, "low", "medium", "high") {
		fields["priority"] = "must be low, medium or high"
	}
	if p.DueDate != nil && *p.DueDate != "" && !isDate(*p.DueDate) {
		fields["due_date"] = "must be a date YYYY-MM-DD or null"
	}
	if p.Labels != nil {
		labels, msg := normalizeLabels(*p.Labels)
		if msg != "" {
			fields["labels"] = msg
		}
		*p.Labels = labels
	}
	return fields
}

// apply copies the given fields onto t. Call it after validate.
func (p taskPatch) apply(t *store.Task) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&t.Title, p.Title)
	set(&t.Description, p.Description)
	set(&t.Status, p.Status)
	set(&t.Priority, p.Priority)
	if p.DueDate != nil {
		t.DueDate = nil
		if *p.DueDate != "" {
			d := *p.DueDate
			t.DueDate = &d
		}
	}
	if p.Labels != nil {
		t.Labels = *p.Labels
	}
}

func normalizeLabels(in []string) ([]string, string) {
	if len(in) > maxLabels {
		return nil, "must have at most 20 labels"
	}
	out := make([]string, 0, len(in))
	seen := map[string]bool{}
	for _, l := range in {
		l = strings.TrimSpace(l)
		switch {
		case l == "":
			return nil, "must not contain blank labels"
		case utf8.RuneCountInString(l) > maxLabelChars:
			return nil, "labels must be at most 50 characters"
		case seen[l]:
			continue
		}
		seen[l] = true
		out = append(out, l)
	}
	return out, ""
}

func oneOf(v string, allowed ...string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}

// isDate reports whether s is a real calendar date written YYYY-MM-DD.
func isDate(s string) bool {
	_, err := time.Parse(store.DateLayout, s)
	return err == nil && len(s) == len(store.DateLayout)
}
