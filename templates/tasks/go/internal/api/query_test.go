package api

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
)

func TestListFiltersSortsAndPages(t *testing.T) {
	h := newTestServer(t)
	a := registerUser(t, h, "lister")
	for _, f := range []map[string]any{
		{"title": "alpha", "priority": "low", "status": "todo", "due_date": "2026-01-10", "labels": []string{"home"}},
		{"title": "Bravo report", "priority": "high", "status": "doing", "due_date": "2026-03-01", "labels": []string{"work"}},
		{"title": "charlie", "priority": "medium", "status": "done", "description": "quarterly REPORT", "labels": []string{"work", "home"}},
		{"title": "delta", "priority": "high", "status": "todo", "due_date": "2026-02-01"},
		{"title": "echo 100%", "priority": "low", "status": "todo"},
	} {
		createTask(t, h, a, f)
	}
	other := registerUser(t, h, "noise")
	createTask(t, h, other, map[string]any{"title": "alpha of someone else", "labels": []string{"work"}})

	tests := []struct {
		query  string
		titles []string
		total  int
	}{
		{"", []string{"echo 100%", "delta", "charlie", "Bravo report", "alpha"}, 5},
		{"?status=todo", []string{"echo 100%", "delta", "alpha"}, 3},
		{"?priority=high&sort=title", []string{"Bravo report", "delta"}, 2},
		{"?label=work&sort=title", []string{"Bravo report", "charlie"}, 2},
		{"?due_before=2026-02-01&sort=due_date", []string{"alpha"}, 1},
		{"?due_after=2026-01-10&sort=-due_date", []string{"Bravo report", "delta"}, 2},
		{"?sort=due_date", []string{"alpha", "delta", "Bravo report", "charlie", "echo 100%"}, 5},
		{"?sort=-priority", []string{"delta", "Bravo report", "charlie", "echo 100%", "alpha"}, 5},
		{"?q=report&sort=title", []string{"Bravo report", "charlie"}, 2},
		{"?q=100%25", []string{"echo 100%"}, 1},
		{"?q=_", nil, 0},
		{"?sort=title&limit=2&page=2", []string{"charlie", "delta"}, 5},
		{"?page=9", nil, 5},
		{"?status=todo&priority=low&sort=created_at", []string{"alpha", "echo 100%"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			body := expect(t, do(t, h, request{method: "GET", path: "/api/tasks" + tt.query, token: a.access}), http.StatusOK)
			var titles []string
			for _, task := range body["data"].([]any) {
				titles = append(titles, task.(map[string]any)["title"].(string))
			}
			if !slices.Equal(titles, tt.titles) || body["total"] != float64(tt.total) {
				t.Errorf("titles %q total %v, want %q total %d", titles, body["total"], tt.titles, tt.total)
			}
		})
	}
}

func TestListRejectsBadParameters(t *testing.T) {
	h := newTestServer(t)
	a := registerUser(t, h, "badparams")
	for _, tt := range []struct{ param, value string }{
		{"status", "later"}, {"priority", "urgent"}, {"sort", "owner_id"},
		{"page", "0"}, {"page", "-1"}, {"page", "1.5"},
		// (page-1)*limit must not overflow into a negative OFFSET.
		{"page", "9223372036854775807"}, {"page", "9223372036854775808"}, {"page", "100001"},
		{"limit", "101"}, {"limit", "9223372036854775807"},
		{"due_before", "tomorrow"}, {"due_after", "2026-13-01"},
	} {
		t.Run(tt.param+"="+tt.value, func(t *testing.T) {
			body := expect(t, do(t, h, request{method: "GET", path: fmt.Sprintf("/api/tasks?%s=%s", tt.param, tt.value), token: a.access}),
				http.StatusUnprocessableEntity)
			if _, ok := body["fields"].(map[string]any)[tt.param]; !ok {
				t.Errorf("body = %v, want fields.%s", body, tt.param)
			}
		})
	}
}

func TestListAcceptsTheLastPage(t *testing.T) {
	h := newTestServer(t)
	a := registerUser(t, h, "lastpage")
	createTask(t, h, a, map[string]any{"title": "only"})
	body := expect(t, do(t, h, request{method: "GET", path: fmt.Sprintf("/api/tasks?page=%d&limit=100", maxPage), token: a.access}), http.StatusOK)
	if len(body["data"].([]any)) != 0 || body["total"] != 1.0 || body["page"] != float64(maxPage) {
		t.Errorf("body = %v, want an empty page %d of 1 task", body, maxPage)
	}
}
