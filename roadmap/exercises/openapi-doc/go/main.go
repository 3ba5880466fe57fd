// Command openapi-doc serves a small notes API and its OpenAPI document,
// the file openapi.json of the folder it runs in. It listens on 127.0.0.1
// at $PORT and stops cleanly on SIGINT or SIGTERM.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"syscall"
	"time"
	"unicode/utf8"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Getenv("PORT")); err != nil {
		fmt.Fprintln(os.Stderr, "openapi-doc:", err)
		os.Exit(1)
	}
}

// run serves until ctx is cancelled.
func run(ctx context.Context, port string) error {
	if port == "" {
		port = "8080"
	}
	n := &notes{byID: map[int]note{}, next: 1}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /openapi.json", serveDocument)
	mux.HandleFunc("GET /notes", n.list)
	mux.HandleFunc("POST /notes", n.create)
	mux.HandleFunc("GET /notes/{id}", n.get)
	mux.HandleFunc("DELETE /notes/{id}", n.delete)
	srv := &http.Server{
		Addr:              net.JoinHostPort("127.0.0.1", port),
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
	}
	failed := make(chan error, 1)
	go func() { failed <- srv.ListenAndServe() }()
	log.Printf("listening on http://%s", srv.Addr)
	select {
	case err := <-failed:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// serveDocument answers GET /openapi.json with the file, read on every
// request so that an edit shows at once; 501 until the file exists.
func serveDocument(w http.ResponseWriter, _ *http.Request) {
	data, err := os.ReadFile("openapi.json")
	if errors.Is(err, fs.ErrNotExist) {
		writeJSON(w, http.StatusNotImplemented, map[string]string{"error": "not implemented", "milestone": "solve"})
		return
	}
	if err != nil || !json.Valid(data) {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "openapi.json is not valid JSON"})
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(data)
}

// note is one note of the API.
type note struct {
	ID        int    `json:"id"`
	Text      string `json:"text"`
	CreatedAt string `json:"created_at"`
}

// notes keeps the notes in memory.
type notes struct {
	mu   sync.Mutex
	byID map[int]note
	next int
}

func (n *notes) list(w http.ResponseWriter, _ *http.Request) {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := []note{}
	for id := 1; id < n.next; id++ {
		if v, ok := n.byID[id]; ok {
			out = append(out, v)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func (n *notes) create(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Text *string `json:"text"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&in); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "the body is not JSON"})
		return
	}
	if in.Text == nil || *in.Text == "" || utf8.RuneCountInString(*in.Text) > 500 {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"error": "text must be 1 to 500 characters"})
		return
	}
	n.mu.Lock()
	v := note{ID: n.next, Text: *in.Text, CreatedAt: time.Now().UTC().Format(time.RFC3339)}
	n.byID[v.ID] = v
	n.next++
	n.mu.Unlock()
	w.Header().Set("Location", "/notes/"+strconv.Itoa(v.ID))
	writeJSON(w, http.StatusCreated, v)
}

func (n *notes) get(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.Atoi(r.PathValue("id"))
	n.mu.Lock()
	v, ok := n.byID[id]
	n.mu.Unlock()
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "there is no such note"})
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func (n *notes) delete(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.Atoi(r.PathValue("id"))
	n.mu.Lock()
	_, ok := n.byID[id]
	delete(n.byID, id)
	n.mu.Unlock()
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "there is no such note"})
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// writeJSON answers status with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // the status is sent; nothing better to do
}
