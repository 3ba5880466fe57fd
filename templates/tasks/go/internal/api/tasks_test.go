package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// createTask creates a task for a from fields and returns its JSON.
func createTask(t *testing.T, h http.Handler, a account, fields map[string]any) map[string]any {
	t.Helper()
	return expect(t, do(t, h, request{method: "POST", path: "/api/tasks", body: fields, token: a.access}), http.StatusCreated)
}

func taskPath(task map[string]any) string {
	return fmt.Sprintf("/api/tasks/%v", task["id"])
}

func TestTaskDefaults(t *testing.T) {
	h := newTestServer(t)
	a := registerUser(t, h, "defaults")
	task := createTask(t, h, a, map[string]any{"title": "  Write report  "})
	want := map[string]any{"title": "Write report", "description": "", "status": "todo", "priority": "medium", "due_date": nil}
	for k, v := range want {
		if task[k] != v {
			t.Errorf("%s = %#v, want %#v", k, task[k], v)
		}
	}
	if labels, ok := task["labels"].([]any); !ok || len(labels) != 0 {
		t.Errorf("labels = %#v, want []", task["labels"])
	}
	for _, k := range []string{"id", "created_at", "updated_at"} {
		if task[k] == nil {
			t.Errorf("%s missing", k)
		}
	}
}

func TestTaskCRUD(t *testing.T) {
	h := newTestServer(t)
	a := registerUser(t, h, "crud")
	task := createTask(t, h, a, map[string]any{"title": "Ship", "description": "v1", "status": "doing",
		"priority": "high", "due_date": "2026-12-01", "labels": []string{"work", "urgent", "work"}})
	if fmt.Sprint(task["labels"]) != "[work urgent]" || task["due_date"] != "2026-12-01" {
		t.Fatalf("created %v", task)
	}

	got := expect(t, do(t, h, request{method: "GET", path: taskPath(task), token: a.access}), http.StatusOK)
	if got["title"] != "Ship" {
		t.Errorf("GET = %v", got)
	}

	patched := expect(t, do(t, h, request{method: "PATCH", path: taskPath(task), token: a.access,
		body: map[string]any{"status": "done", "due_date": nil, "id": 999}}), http.StatusOK)
	if patched["status"] != "done" || patched["due_date"] != nil || patched["title"] != "Ship" || patched["id"] != task["id"] {
		t.Errorf("PATCH = %v", patched)
	}
	if patched["created_at"] != task["created_at"] {
		t.Errorf("created_at changed: %v -> %v", task["created_at"], patched["created_at"])
	}

	list := expect(t, do(t, h, request{method: "GET", path: "/api/tasks", token: a.access}), http.StatusOK)
	if list["total"] != 1.0 || list["page"] != 1.0 || list["limit"] != 20.0 || len(list["data"].([]any)) != 1 {
		t.Errorf("list = %v", list)
	}

	expect(t, do(t, h, request{method: "DELETE", path: taskPath(task), token: a.access}), http.StatusNoContent)
	expect(t, do(t, h, request{method: "GET", path: taskPath(task), token: a.access}), http.StatusNotFound)
	expect(t, do(t, h, request{method: "DELETE", path: taskPath(task), token: a.access}), http.StatusNotFound)
}

func TestTaskValidation(t *testing.T) {
	h := newTestServer(t)
	a := registerUser(t, h, "validation")
	tests := []struct {
		name   string
		body   any
		fields []string
	}{
		{"missing title", map[string]any{}, []string{"title"}},
		{"blank title", map[string]any{"title": "   "}, []string{"title"}},
		{"long title", map[string]any{"title": strings.Repeat("x", 201)}, []string{"title"}},
		{"title not a string", map[string]any{"title": 5}, []string{"title"}},
		{"everything wrong at once", map[string]any{"title": "", "status": "later", "priority": "urgent",
			"due_date": "2026-02-30", "labels": "work"}, []string{"title", "status", "priority", "due_date", "labels"}},
		{"labels not strings", map[string]any{"title": "x", "labels": []any{1}}, []string{"labels"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := expect(t, do(t, h, request{method: "POST", path: "/api/tasks", body: tt.body, token: a.access}), http.StatusUnprocessableEntity)
			fields, _ := body["fields"].(map[string]any)
			if len(fields) != len(tt.fields) {
				t.Errorf("fields = %v, want exactly %v", fields, tt.fields)
			}
			for _, f := range tt.fields {
				if _, ok := fields[f]; !ok {
					t.Errorf("fields = %v, want %s", fields, f)
				}
			}
		})
	}

	task := createTask(t, h, a, map[string]any{"title": "valid"})
	body := expect(t, do(t, h, request{method: "PATCH", path: taskPath(task), token: a.access,
		body: map[string]any{"title": "", "status": "nope"}}), http.StatusUnprocessableEntity)
	if fields := body["fields"].(map[string]any); len(fields) != 2 {
		t.Errorf("PATCH fields = %v, want title and status", fields)
	}
}

func TestTaskIDsThatCannotExistAre404(t *testing.T) {
	h := newTestServer(t)
	a := registerUser(t, h, "ids")
	for _, path := range []string{"/api/tasks/abc", "/api/tasks/0", "/api/tasks/-1", "/api/tasks/999999999"} {
		expect(t, do(t, h, request{method: "GET", path: path, token: a.access}), http.StatusNotFound)
	}
}

func TestTasksNeedAuth(t *testing.T) {
	h := newTestServer(t)
	expect(t, do(t, h, request{method: "GET", path: "/api/tasks"}), http.StatusUnauthorized)
	expect(t, do(t, h, request{method: "POST", path: "/api/tasks", body: map[string]any{"title": "x"}}), http.StatusUnauthorized)
}

// A token outlives its user by up to its lifetime: every request must find
// the user, or answer 401 (a deleted user's task list is not "empty", and
// creating a task for them is not a database error).
func TestDeletedUsersTokenIsRefused(t *testing.T) {
	h := newTestServer(t)
	a := registerUser(t, h, "gone")
	task := createTask(t, h, a, map[string]any{"title": "left behind"})
	expect(t, do(t, h, request{method: "DELETE", path: "/api/auth/me", token: a.access,
		body: map[string]string{"current_password": a.password}}), http.StatusNoContent)

	for _, req := range []request{
		{method: "GET", path: "/api/tasks"},
		{method: "POST", path: "/api/tasks", body: map[string]any{"title": "orphan"}},
		{method: "GET", path: taskPath(task)},
		{method: "PATCH", path: taskPath(task), body: map[string]any{"title": "orphan"}},
		{method: "DELETE", path: taskPath(task)},
	} {
		req.token = a.access
		t.Run(req.method+" "+req.path, func(t *testing.T) {
			expect(t, do(t, h, req), http.StatusUnauthorized)
		})
	}
}
