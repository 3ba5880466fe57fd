package cli

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/waymark-dev/waymark/internal/iostreams"
)

func TestNewCmdCheckFlags(t *testing.T) {
	cases := []struct {
		args    string
		check   func(*testing.T, *CheckOptions)
		wantErr string
	}{
		{"", func(t *testing.T, o *CheckOptions) {
			if o.Dir != "." || o.Timeout != 5*time.Second || o.SeedSet || o.All || o.JSON {
				t.Errorf("defaults: %+v", o)
			}
		}, ""},
		{"proj --milestone auth --all --json --no-record --seed 9 --timeout 2s", func(t *testing.T, o *CheckOptions) {
			if o.Dir != "proj" || o.Milestone != "auth" || !o.All || !o.JSON || !o.NoRecord || o.Seed != 9 || !o.SeedSet || o.Timeout != 2*time.Second {
				t.Errorf("parsed: %+v", o)
			}
		}, ""},
		{"--url http://127.0.0.1:1 --url http://127.0.0.1:2 --project tasks --allow-remote", func(t *testing.T, o *CheckOptions) {
			if len(o.URLs) != 2 || o.Project != "tasks" || !o.AllowRemote {
				t.Errorf("parsed: %+v", o)
			}
		}, ""},
		{"--watch --json", nil, "--watch and --json"},
		{"--watch --url http://127.0.0.1:1", nil, "--watch needs start mode"},
		{"a b", nil, "takes only a project folder"},
	}
	for _, c := range cases {
		t.Run(c.args, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			f := NewFactory(ios, func(string) string { return "" }, time.Now)
			var got *CheckOptions
			cmd := NewCmdCheck(f, func(_ context.Context, o *CheckOptions) error { got = o; return nil })
			cmd.SetArgs(strings.Fields(c.args))
			cmd.SetOut(ios.Out)
			cmd.SetErr(ios.ErrOut)
			err := cmd.ExecuteContext(context.Background())
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("error = %v, want %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			c.check(t, got)
		})
	}
}
