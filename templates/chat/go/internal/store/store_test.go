package store_test

import (
	"context"
	"testing"

	"github.com/waymark-dev/waymark/templates/chat/go/internal/store/storetest"
)

func TestMigrateTwiceAppliesNothing(t *testing.T) {
	st := storetest.Open(t) // migrated once already
	n, err := st.Migrate(context.Background())
	if err != nil || n != 0 {
		t.Fatalf("second Migrate = %d, %v; want 0, nil", n, err)
	}
	if err := st.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
}
