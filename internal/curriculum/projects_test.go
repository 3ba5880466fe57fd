package curriculum

import (
	"strings"
	"testing"
	"testing/fstest"
)

const sharedManifest = `format: 1
id: demo
title: Demo
summary: A demo.
difficulty: beginner
stacks:
  go:
    run: go run .
    port_env: PORT
    health: /healthz
  node:
    run: node src/server.js
    port_env: PORT
    health: /healthz
    shared:
%s
    overrides:
%s
milestones:
  - {id: boot, title: Boot, hint: Start it.}
`

func sharedTemplates(shared, overrides string) fstest.MapFS {
	f := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"demo/project.yaml":              f(strings.Replace(strings.Replace(sharedManifest, "%s", shared, 1), "%s", overrides, 1)),
		"demo/go/main.go":                f("package main\n"),
		"demo/go/web/app.js":             f("app();\n"),
		"demo/node/src/server.js":        f("server();\n"),
		"demo/_shared/migrations/1.sql":  f("SELECT 1;\n"),
		"demo/_shared/deploy/nginx.conf": f("events {}\n"),
	}
}

func TestProjectShared(t *testing.T) {
	p, err := LoadProject(sharedTemplates(
		"      src/web/: go/web/\n      src/db/migrations/: _shared/migrations/\n      app.js: go/web/app.js",
		"      - src/log.js"), "demo")
	if err != nil {
		t.Fatal(err)
	}
	node := p.Stacks["node"]
	if node.Shared["src/web/"] != "go/web/" || node.Shared["app.js"] != "go/web/app.js" || node.Shared["src/db/migrations/"] != "_shared/migrations/" || len(node.Overrides) != 1 || node.Overrides[0] != "src/log.js" {
		t.Errorf("node = %+v", node)
	}

	tests := []struct {
		shared, overrides, want string
	}{
		{"      ../web/: go/web/", "      - a.js", `project.yaml:16:16: path "../web/" must be relative and stay inside the generated project`},
		{"      /web/: go/web/", "      - a.js", `path "/web/" must be relative`},
		{"      web/: ../other/web/", "      - a.js", `source "../other/web/" must be a path inside templates/demo/`},
		{"      web/: ./", "      - a.js", `source "./" must be a path inside templates/demo/`},
		{"      web/: go/web/app.js", "      - a.js", `map a folder to a folder (both ending in /) or a file to a file, not "web/" to "go/web/app.js"`},
		{"      app.js.tmpl: go/web/app.js", "      - a.js", `path "app.js.tmpl" is a path of the generated project: name it without .tmpl`},
		{"      app.js: go/web/", "      - a.js", `map a folder to a folder`},
		{"      app.js: go/web", "      - a.js", "source templates/demo/go/web: a folder must end in / and a file must not"},
		{"      web/: node/src/", "      - a.js", `source "node/src/" is in this stack's own folder`},
		{"      web/: go/nothing/", "      - a.js", "source templates/demo/go/nothing/ does not exist"},
		{"      web/: go/main.go/", "      - a.js", "source templates/demo/go/main.go/: a folder must end in / and a file must not"},
		{"      web/: go/web/", "      - ../a.js", `override "../a.js" must be the relative path of a file`},
		{"      web/: go/web/", "      - src/", `override "src/" must be the relative path of a file`},
		{"      web/: go/web/", "      - a.js\n      - a.js", `override "a.js" is listed twice`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, err := LoadProject(sharedTemplates(tt.shared, tt.overrides), "demo")
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "templates/demo/project.yaml:") {
				t.Errorf("err = %v, want it to contain %q at a position", err, tt.want)
			}
		})
	}
}
