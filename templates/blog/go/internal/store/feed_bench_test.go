package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/waymark-dev/waymark/templates/blog/go/internal/store"
	"github.com/waymark-dev/waymark/templates/blog/go/internal/store/storetest"
)

// BenchmarkFeed reads the first page of a feed that follows 2 of 40
// authors among 2,000 articles: the query should read the followed
// authors' articles, not walk every article until the page is full.
// Compare `go test -bench Feed ./internal/store` before and after a change
// to the feed's query, on SQLite and with TEST_DATABASE_URL on PostgreSQL.
func BenchmarkFeed(b *testing.B) {
	ctx := context.Background()
	st := storetest.Open(b)
	var authors []int64
	for i := range 41 {
		u, err := st.CreateUser(ctx, store.User{Username: fmt.Sprintf("u%d", i), Email: fmt.Sprintf("u%d@example.com", i), PasswordHash: "x"})
		if err != nil {
			b.Fatal(err)
		}
		authors = append(authors, u.ID)
	}
	reader, writers := authors[0], authors[1:]
	for i := range 2000 {
		a := store.Article{Slug: fmt.Sprintf("a-%d", i), Title: "t", Description: "d", Body: "b", AuthorID: writers[i%len(writers)], Tags: []string{"x"}}
		if _, err := st.CreateArticle(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
	for _, w := range writers[:2] {
		if err := st.Follow(ctx, reader, w); err != nil {
			b.Fatal(err)
		}
	}
	f := store.ArticleFilter{FeedOf: reader, Viewer: reader, Limit: 20}
	for b.Loop() {
		list, total, err := st.Articles(ctx, f)
		if err != nil || len(list) != 20 || total != 100 {
			b.Fatalf("feed: %d articles of %d, %v", len(list), total, err)
		}
	}
}
