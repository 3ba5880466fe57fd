package main

import (
	"database/sql"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// withSchema opens a new SQLite database with a project's migrations, as
// the Go solution of that project creates it, and makes it the handlers'.
func withSchema(t *testing.T, project string) {
	t.Helper()
	var err error
	db, err = sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "bench.db")+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	postgres = false
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "templates", project, "go", "internal", "store", "migrations", "sqlite", "*.sql"))
	if len(files) == 0 {
		t.Fatalf("no migrations of %s", project)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(b)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
}

func must(t *testing.T, query string, args ...any) {
	t.Helper()
	if _, err := db.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// The tasks list on the solution's own schema: the owner's "todo" tasks by
// due date (none last), the count of them all, each with its labels in order.
func TestListTasks(t *testing.T) {
	withSchema(t, "tasks")
	now := "2026-12-01T10:00:00.000000Z"
	must(t, `INSERT INTO users (id, email, password_hash, created_at) VALUES (1, 'a@example.com', 'x', ?), (2, 'b@example.com', 'x', ?)`, now, now)
	for _, task := range []struct {
		id, owner int
		status    string
		due       any
	}{{1, 1, "todo", nil}, {2, 1, "todo", "2027-02-01"}, {3, 1, "done", "2027-01-01"}, {4, 2, "todo", "2027-01-01"}, {5, 1, "todo", "2027-01-15"}} {
		must(t, `INSERT INTO tasks (id, owner_id, title, status, priority, due_date, created_at, updated_at)
			VALUES (?, ?, 'a task', ?, 'low', ?, ?, ?)`, task.id, task.owner, task.status, task.due, now, now)
	}
	must(t, `INSERT INTO task_labels (task_id, label, position) VALUES (2, 'work', 1), (2, 'urgent', 0), (5, 'home', 0)`)

	rec := httptest.NewRecorder()
	listTasks(rec, httptest.NewRequest("GET", "/api/tasks?owner=1&status=todo&limit=2", nil))
	var got page[task]
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != 200 {
		t.Fatalf("%d %s: %v", rec.Code, rec.Body, err)
	}
	if got.Total != 3 || got.Page != 1 || got.Limit != 2 || len(got.Data) != 2 {
		t.Fatalf("page %+v, want 2 of 3 tasks", got)
	}
	if got.Data[0].ID != 5 || got.Data[1].ID != 2 {
		t.Errorf("ids %d, %d; want 5, 2 (by due date)", got.Data[0].ID, got.Data[1].ID)
	}
	if !reflect.DeepEqual(got.Data[1].Labels, []string{"urgent", "work"}) || *got.Data[0].DueDate != "2027-01-15" {
		t.Errorf("task 2's labels %q, task 5's due date %q", got.Data[1].Labels, *got.Data[0].DueDate)
	}

	rec = httptest.NewRecorder()
	listTasks(rec, httptest.NewRequest("GET", "/api/tasks?owner=1&status=todo&limit=2&page=2", nil))
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || len(got.Data) != 1 || got.Data[0].ID != 1 || got.Data[0].DueDate != nil {
		t.Errorf("page 2: %s", rec.Body)
	}
}

// The product list on the solution's own schema: by id, with the category's
// slug or null, the images as stored.
func TestListProducts(t *testing.T) {
	withSchema(t, "ecommerce")
	must(t, `INSERT INTO categories (id, slug, name) VALUES (1, 'books', 'Books')`)
	for i := 1; i <= 3; i++ {
		category := any(nil)
		if i == 2 {
			category = 1
		}
		must(t, `INSERT INTO products (id, name, price, currency, stock, category_id, images, created_at)
			VALUES (?, 'a product', 100, 'EUR', 5, ?, '["https://img.example.com/1.jpg"]', '2026-12-01T10:00:00Z')`, i, category)
	}
	rec := httptest.NewRecorder()
	listProducts(rec, httptest.NewRequest("GET", "/api/products?page=1&limit=2", nil))
	var got struct {
		Data []struct {
			ID        int64    `json:"id"`
			Category  *string  `json:"category"`
			Images    []string `json:"images"`
			CreatedAt string   `json:"created_at"`
		} `json:"data"`
		Total int `json:"total"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != 200 {
		t.Fatalf("%d %s: %v", rec.Code, rec.Body, err)
	}
	if got.Total != 3 || len(got.Data) != 2 || got.Data[0].ID != 1 || got.Data[1].ID != 2 {
		t.Fatalf("got %s, want products 1 and 2 of 3", rec.Body)
	}
	if got.Data[0].Category != nil || got.Data[1].Category == nil || *got.Data[1].Category != "books" ||
		len(got.Data[1].Images) != 1 || got.Data[1].CreatedAt == "" {
		t.Errorf("got %s", rec.Body)
	}
}
