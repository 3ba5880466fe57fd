// Command minimal is the Go baseline of bench/solutions.sh: the smallest
// net/http server that answers the two list requests the benchmark loads,
// with the same SQL, the same drivers and the same pool sizes as the Go
// solutions (templates/tasks/go and templates/ecommerce/go), and the same
// JSON shape. Everything a solution adds on top (routing, middleware,
// authentication, validation, logging) is what the benchmark compares.
//
//	GET /api/tasks?owner=1&status=todo&limit=20&page=1  (ORDER BY due date, as ?sort=due_date)
//	GET /api/products?limit=20&page=1                   (ORDER BY id, the default)
//
// It has no authentication: the owner is a query parameter. It is a
// baseline for measuring, never a server to expose. Environment:
// DATABASE_URL (sqlite://<file> or postgres://...), PORT, HOST (127.0.0.1).
package main

import (
	"database/sql"
	"encoding/json"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the solutions' PostgreSQL driver
	_ "modernc.org/sqlite"             // and their SQLite driver
)

// The solutions' list queries for these two requests, written out.
const (
	countTasks = `SELECT COUNT(*) FROM tasks t WHERE t.owner_id = ? AND t.status = ?`
	pageTasks  = `SELECT t.id, t.title, t.description, t.status, t.priority, t.due_date, t.created_at, t.updated_at
		FROM tasks t WHERE t.owner_id = ? AND t.status = ?
		ORDER BY (t.due_date IS NULL) ASC, t.due_date ASC, t.id ASC LIMIT ? OFFSET ?`
	// The page's labels in one query; the IN list is appended per page.
	pageLabels    = `SELECT task_id, label FROM task_labels WHERE task_id IN (`
	countProducts = `SELECT COUNT(*) FROM products p LEFT JOIN categories c ON c.id = p.category_id`
	pageProducts  = `SELECT p.id, p.name, p.description, p.price, p.currency, p.stock, c.slug, p.images, p.created_at
		FROM products p LEFT JOIN categories c ON c.id = p.category_id ORDER BY p.id ASC LIMIT ? OFFSET ?`
)

type task struct {
	ID          int64    `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Status      string   `json:"status"`
	Priority    string   `json:"priority"`
	DueDate     *string  `json:"due_date"`
	Labels      []string `json:"labels"`
	CreatedAt   string   `json:"created_at"`
	UpdatedAt   string   `json:"updated_at"`
}

type product struct {
	ID          int64           `json:"id"`
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Price       int64           `json:"price"`
	Currency    string          `json:"currency"`
	Stock       int64           `json:"stock"`
	Category    *string         `json:"category"`
	Images      json.RawMessage `json:"images"` // stored as JSON text: sent as it is
	CreatedAt   string          `json:"created_at"`
}

type page[T any] struct {
	Data  []T `json:"data"`
	Page  int `json:"page"`
	Limit int `json:"limit"`
	Total int `json:"total"`
}

var (
	db       *sql.DB
	postgres bool
)

func main() {
	url := os.Getenv("DATABASE_URL")
	var (
		err   error
		conns int
	)
	if postgres = strings.HasPrefix(url, "postgres"); postgres {
		db, err = sql.Open("pgx", url)
		conns = 16 // the solutions' PostgreSQL pool
	} else {
		// The solutions' SQLite settings and pool.
		db, err = sql.Open("sqlite", "file:"+strings.TrimPrefix(url, "sqlite://")+
			"?_txlock=immediate&_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)")
		conns = 8
	}
	if err == nil {
		db.SetMaxOpenConns(conns)
		db.SetMaxIdleConns(conns)
		err = db.Ping()
	}
	if err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("GET /api/tasks", listTasks)
	http.HandleFunc("GET /api/products", listProducts)
	host := os.Getenv("HOST")
	if host == "" {
		host = "127.0.0.1"
	}
	log.Fatal(http.ListenAndServe(net.JoinHostPort(host, os.Getenv("PORT")), nil))
}

func listTasks(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	owner, status := q.Get("owner"), q.Get("status")
	pg, limit := paging(r)
	out := page[task]{Data: []task{}, Page: pg, Limit: limit}
	if err := db.QueryRow(rebind(countTasks), owner, status).Scan(&out.Total); err != nil {
		fail(w, err)
		return
	}
	rows, err := db.Query(rebind(pageTasks), owner, status, limit, (pg-1)*limit)
	if err != nil {
		fail(w, err)
		return
	}
	ids := []any{}
	for rows.Next() {
		var t task
		var due, created, updated any
		if err := rows.Scan(&t.ID, &t.Title, &t.Description, &t.Status, &t.Priority, &due, &created, &updated); err != nil {
			rows.Close()
			fail(w, err)
			return
		}
		if due != nil {
			d := text(due, time.DateOnly)
			t.DueDate = &d
		}
		t.CreatedAt, t.UpdatedAt = text(created, time.RFC3339), text(updated, time.RFC3339)
		t.Labels = []string{}
		out.Data = append(out.Data, t)
		ids = append(ids, t.ID)
	}
	rows.Close()
	if len(ids) > 0 {
		index := make(map[int64]int, len(ids))
		for i, t := range out.Data {
			index[t.ID] = i
		}
		lrows, err := db.Query(rebind(pageLabels+strings.Repeat("?, ", len(ids)-1)+"?) ORDER BY task_id, position"), ids...)
		if err != nil {
			fail(w, err)
			return
		}
		defer lrows.Close()
		for lrows.Next() {
			var id int64
			var label string
			if err := lrows.Scan(&id, &label); err != nil {
				fail(w, err)
				return
			}
			out.Data[index[id]].Labels = append(out.Data[index[id]].Labels, label)
		}
	}
	send(w, out)
}

func listProducts(w http.ResponseWriter, r *http.Request) {
	pg, limit := paging(r)
	out := page[product]{Data: []product{}, Page: pg, Limit: limit}
	if err := db.QueryRow(countProducts).Scan(&out.Total); err != nil {
		fail(w, err)
		return
	}
	rows, err := db.Query(rebind(pageProducts), limit, (pg-1)*limit)
	if err != nil {
		fail(w, err)
		return
	}
	defer rows.Close()
	for rows.Next() {
		var p product
		var images string
		var created any
		if err := rows.Scan(&p.ID, &p.Name, &p.Description, &p.Price, &p.Currency, &p.Stock, &p.Category, &images, &created); err != nil {
			fail(w, err)
			return
		}
		p.Images, p.CreatedAt = json.RawMessage(images), text(created, time.RFC3339)
		out.Data = append(out.Data, p)
	}
	send(w, out)
}

// paging reads page and limit, 1 and 20 when absent or not positive.
func paging(r *http.Request) (pg, limit int) {
	pg, _ = strconv.Atoi(r.URL.Query().Get("page"))
	limit, _ = strconv.Atoi(r.URL.Query().Get("limit"))
	if limit < 1 {
		limit = 20
	}
	return max(pg, 1), limit
}

// text is a time column as JSON text: PostgreSQL gives a time.Time, SQLite
// the text it stored.
func text(v any, layout string) string {
	switch v := v.(type) {
	case time.Time:
		return v.UTC().Format(layout)
	case []byte:
		return string(v)
	case string:
		return v
	}
	return ""
}

// rebind turns the ? placeholders into PostgreSQL's $1, $2, ...
func rebind(query string) string {
	if !postgres {
		return query
	}
	var b strings.Builder
	n := 0
	for _, c := range query {
		if c == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

func send(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(v)
}

func fail(w http.ResponseWriter, err error) {
	log.Print(err)
	http.Error(w, `{"error":"internal server error"}`, http.StatusInternalServerError)
}
