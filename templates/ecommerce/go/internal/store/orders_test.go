package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/store"
	"github.com/waymark-dev/waymark/templates/ecommerce/go/internal/store/storetest"
)

func newProduct(t *testing.T, st *store.Store, price, stock int64) store.Product {
	t.Helper()
	p, err := st.CreateProduct(context.Background(), store.ProductInput{Name: "Widget", Price: price, Currency: "EUR", Stock: stock})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func newCustomer(t *testing.T, st *store.Store, name string) store.User {
	t.Helper()
	u, err := st.CreateUser(context.Background(), name+"@example.com", "not-a-real-hash", store.RoleCustomer)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestCheckoutNeverOversells races 20 checkouts for a product with stock
// 5. It runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set,
// where the 20 transactions really run at the same time.
func TestCheckoutNeverOversells(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	p := newProduct(t, st, 1000, 5)
	buyers := make([]store.User, 20)
	for i := range buyers {
		buyers[i] = newCustomer(t, st, fmt.Sprintf("buyer%d", i))
	}
	var (
		wg           sync.WaitGroup
		mu           sync.Mutex
		won, soldOut int
		others       []error
	)
	start := make(chan struct{})
	for _, u := range buyers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, _, err := st.Checkout(ctx, store.CheckoutInput{UserID: u.ID, Currency: "EUR", Lines: []store.Line{{ProductID: p.ID, Quantity: 1}}})
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				won++
			case errors.Is(err, store.ErrOutOfStock):
				soldOut++
			default:
				others = append(others, err)
			}
		}()
	}
	close(start)
	wg.Wait()
	if len(others) > 0 {
		t.Fatalf("unexpected errors: %v", others)
	}
	if won != 5 || soldOut != 15 {
		t.Fatalf("won %d, sold out %d; want 5 and 15", won, soldOut)
	}
	after, err := st.Product(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Stock != 0 {
		t.Fatalf("stock = %d, want 0", after.Stock)
	}
	_, total, err := st.Orders(ctx, 0, "", 1, 100)
	if err != nil || total != 5 {
		t.Fatalf("orders = %d (%v), want 5", total, err)
	}
}

// TestIdempotentCheckoutUnderRace sends one Idempotency-Key ten times at
// once: one order, one stock decrement.
func TestIdempotentCheckoutUnderRace(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	p := newProduct(t, st, 250, 10)
	u := newCustomer(t, st, "retry")
	ids := make(chan int64, 10)
	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			o, _, err := st.Checkout(ctx, store.CheckoutInput{UserID: u.ID, Key: "k-1", Currency: "EUR", Lines: []store.Line{{ProductID: p.ID, Quantity: 2}}})
			if err != nil {
				t.Error(err)
				return
			}
			ids <- o.ID
		}()
	}
	wg.Wait()
	close(ids)
	first := <-ids
	for id := range ids {
		if id != first {
			t.Fatalf("two orders for one key: %d and %d", first, id)
		}
	}
	if after, _ := st.Product(ctx, p.ID); after.Stock != 8 {
		t.Fatalf("stock = %d, want 8", after.Stock)
	}
}

// TestIdempotencyKeyWithAnotherRequest races one key carried by two
// different requests: one order is placed, every copy of its request gets
// it back, and every copy of the other request is ErrKeyReused.
func TestIdempotencyKeyWithAnotherRequest(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	p := newProduct(t, st, 250, 100)
	u := newCustomer(t, st, "mixup")
	type result struct {
		hash string
		id   int64
		err  error
	}
	results := make(chan result, 20)
	var wg sync.WaitGroup
	for i := range 20 {
		hash := []string{"hash-a", "hash-b"}[i%2]
		wg.Go(func() {
			o, _, err := st.Checkout(ctx, store.CheckoutInput{UserID: u.ID, Key: "k-1", RequestHash: hash, Currency: "EUR",
				Lines: []store.Line{{ProductID: p.ID, Quantity: 1}}})
			results <- result{hash, o.ID, err}
		})
	}
	wg.Wait()
	close(results)
	winner, ids := "", map[int64]bool{}
	for r := range results {
		switch {
		case r.err == nil:
			if winner != "" && winner != r.hash {
				t.Fatalf("both requests got an order under one key")
			}
			winner, ids[r.id] = r.hash, true
		case !errors.Is(r.err, store.ErrKeyReused):
			t.Fatalf("unexpected error: %v", r.err)
		}
	}
	if len(ids) != 1 {
		t.Fatalf("orders for one key: %v", ids)
	}
	if after, _ := st.Product(ctx, p.ID); after.Stock != 99 {
		t.Fatalf("stock = %d, want 99", after.Stock)
	}
}

func TestIdempotencyKeyWithoutRecordedHashReplays(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	p := newProduct(t, st, 250, 10)
	u := newCustomer(t, st, "old")
	in := store.CheckoutInput{UserID: u.ID, Key: "k-old", Currency: "EUR", Lines: []store.Line{{ProductID: p.ID, Quantity: 1}}}
	first, _, err := st.Checkout(ctx, in) // as an order from before request hashes
	if err != nil {
		t.Fatal(err)
	}
	in.RequestHash = "now-hashed"
	again, created, err := st.Checkout(ctx, in)
	if err != nil || created || again.ID != first.ID {
		t.Fatalf("replay: %d %v %v, want order %d", again.ID, created, err, first.ID)
	}
}

func TestStatusTransitionsAndRestock(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	p := newProduct(t, st, 500, 3)
	u := newCustomer(t, st, "ann")
	o, created, err := st.Checkout(ctx, store.CheckoutInput{UserID: u.ID, Currency: "EUR", Lines: []store.Line{{ProductID: p.ID, Quantity: 3}}})
	if err != nil || !created || o.Total != 1500 {
		t.Fatalf("checkout: %+v %v %v", o, created, err)
	}
	if _, err := st.SetStatus(ctx, o.ID, store.StatusShipped); !errors.Is(err, store.ErrTransition) {
		t.Fatalf("pending → shipped: %v, want ErrTransition", err)
	}
	if _, err := st.SetStatus(ctx, o.ID, store.StatusPaid); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SetStatus(ctx, o.ID, store.StatusCancelled); err != nil {
		t.Fatal(err)
	}
	if after, _ := st.Product(ctx, p.ID); after.Stock != 3 {
		t.Fatalf("stock after cancel = %d, want 3", after.Stock)
	}
	if _, err := st.SetStatus(ctx, o.ID, store.StatusPaid); !errors.Is(err, store.ErrTransition) {
		t.Fatalf("cancelled → paid: %v, want ErrTransition", err)
	}
}

// TestOrdersListCarriesItems: a listed order has its items, as one read by
// id has (the Node and Python stacks list them too; the document says so).
func TestOrdersListCarriesItems(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	p := newProduct(t, st, 500, 3)
	u := newCustomer(t, st, "ann")
	if _, _, err := st.Checkout(ctx, store.CheckoutInput{UserID: u.ID, Currency: "EUR", Lines: []store.Line{{ProductID: p.ID, Quantity: 2}}}); err != nil {
		t.Fatal(err)
	}
	list, total, err := st.Orders(ctx, u.ID, "", 1, 20)
	if err != nil || total != 1 || len(list) != 1 {
		t.Fatalf("Orders = %+v, %d, %v", list, total, err)
	}
	if items := list[0].Items; len(items) != 1 || items[0].ProductID != p.ID || items[0].Quantity != 2 || items[0].LineTotal != 1000 {
		t.Errorf("listed items = %+v, want one line of 2 × product %d", items, p.ID)
	}
}
