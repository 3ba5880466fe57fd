package api

import (
	"net/http"
	"testing"
)

func TestOtherUsersTasksAreInvisible(t *testing.T) {
	h := newTestServer(t)
	alice := registerUser(t, h, "alice")
	bob := registerUser(t, h, "bob")
	task := createTask(t, h, alice, map[string]any{"title": "alice's secret"})

	for _, req := range []request{
		{method: "GET", path: taskPath(task), token: bob.access},
		{method: "PATCH", path: taskPath(task), token: bob.access, body: map[string]any{"title": "mine now"}},
		{method: "DELETE", path: taskPath(task), token: bob.access},
	} {
		t.Run(req.method, func(t *testing.T) {
			expect(t, do(t, h, req), http.StatusNotFound)
		})
	}

	list := expect(t, do(t, h, request{method: "GET", path: "/api/tasks", token: bob.access}), http.StatusOK)
	if list["total"] != 0.0 {
		t.Errorf("bob sees %v", list)
	}
	got := expect(t, do(t, h, request{method: "GET", path: taskPath(task), token: alice.access}), http.StatusOK)
	if got["title"] != "alice's secret" {
		t.Errorf("alice's task was changed: %v", got)
	}
}
