package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/waymark-dev/waymark/templates/tasks/go/internal/store"
	"github.com/waymark-dev/waymark/templates/tasks/go/internal/store/storetest"
)

func TestOpenRejectsUnknownURL(t *testing.T) {
	for _, url := range []string{"mysql://localhost/tasks", "sqlite://", "tasks.db"} {
		if _, err := store.Open(context.Background(), url); err == nil {
			t.Errorf("Open(%q) succeeded, want an error", url)
		}
	}
}

func TestMigrateSQLiteIsIdempotent(t *testing.T) {
	ctx := context.Background()
	url := "sqlite://" + filepath.Join(t.TempDir(), "nested", "tasks.db")
	st, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	first, err := st.Migrate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(first) == 0 {
		t.Fatal("first Migrate applied nothing")
	}
	again, err := st.Migrate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != 0 {
		t.Errorf("second Migrate applied %v, want nothing", again)
	}
}

func TestMigratePostgres(t *testing.T) {
	st := storetest.OpenPostgres(t) // migrates once
	if st.Dialect() != store.Postgres {
		t.Fatalf("dialect = %s", st.Dialect())
	}
	again, err := st.Migrate(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != 0 {
		t.Errorf("second Migrate applied %v, want nothing", again)
	}
}
