package store_test

import (
	"context"
	"testing"

	"github.com/waymark-dev/waymark/templates/blog/go/internal/store/storetest"
)

func TestMigrateIsIdempotent(t *testing.T) {
	st := storetest.Open(t)
	applied, err := st.Migrate(context.Background())
	if err != nil || len(applied) != 0 {
		t.Fatalf("second Migrate applied %v, %v", applied, err)
	}
	if err := st.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
}
