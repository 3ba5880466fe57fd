package api

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/waymark-dev/waymark/templates/tasks/go/internal/store"
)

// parseTaskQuery reads a listing's query string. Every invalid parameter
// gets a message under its own name.
func parseTaskQuery(v url.Values) (store.TaskQuery, map[string]string) {
	q := store.TaskQuery{
		Status:    v.Get("status"),
		Priority:  v.Get("priority"),
		Label:     strings.TrimSpace(v.Get("label")),
		DueBefore: v.Get("due_before"),
		DueAfter:  v.Get("due_after"),
		Search:    strings.TrimSpace(v.Get("q")),
		Sort:      v.Get("sort"),
		Page:      1,
		Limit:     defaultPageSize,
	}
	fields := map[string]string{}
	if q.Status != "" && !oneOf(q.Status, "todo", "doing", "done") {
		fields["status"] = "must be todo, doing or done"
	}
	if q.Priority != "" && !oneOf(q.Priority, "low", "medium", "high") {
		fields["priority"] = "must be low, medium or high"
	}
	for name, d := range map[string]string{"due_before": q.DueBefore, "due_after": q.DueAfter} {
		if d != "" && !isDate(d) {
			fields[name] = "must be a date YYYY-MM-DD"
		}
	}
	if q.Sort != "" && !store.ValidSort(q.Sort) {
		fields["sort"] = "must be created_at, due_date, priority or title, optionally prefixed with -"
	}
	if raw := v.Get("page"); raw != "" {
		// Bounded, so that (page-1)*limit stays far from overflowing into a
		// negative OFFSET, which PostgreSQL refuses with an error.
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > maxPage {
			fields["page"] = "must be a whole number from 1 to 100000"
		}
		q.Page = n
	}
	if raw := v.Get("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > maxPageSize {
			fields["limit"] = "must be a whole number from 1 to 100"
		}
		q.Limit = n
	}
	return q, fields
}
