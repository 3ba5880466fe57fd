package classroom

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// withNodeStack is the skeleton's templates with a node stack added to
// the hello project.
func withNodeStack(t *testing.T) fs.FS {
	t.Helper()
	src := skeletonTemplates(t)
	out := fstest.MapFS{}
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(src, p)
		out[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	manifest := strings.Replace(string(out["hello/project.yaml"].Data), "milestones:",
		"  node:\n    run: node server.js\n    port_env: PORT\n    health: /healthz\nmilestones:", 1)
	out["hello/project.yaml"] = &fstest.MapFile{Data: []byte(manifest)}
	out["hello/node/server.js"] = &fstest.MapFile{Data: []byte("// reference\n")}
	return out
}

const helloNode = `const http = require("http");
http.createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  res.setHeader("Content-Type", "application/json");
  if (url.pathname === "/healthz") return res.end(JSON.stringify({ status: "ok" }));
  if (url.pathname === "/api/hello") {
    return res.end(JSON.stringify({ message: "Hello, " + (url.searchParams.get("name") || "world") + "!" }));
  }
  res.statusCode = 404;
  res.end("{}");
}).listen(Number(process.env.PORT), "127.0.0.1");
`

// TestNodeLearner: a Node server is checked like a Go one; its packages
// are installed without running their scripts.
func TestNodeLearner(t *testing.T) {
	if testing.Short() {
		t.Skip("installs and runs a server")
	}
	if _, err := exec.LookPath("npm"); err != nil {
		t.Skip("Node is not installed")
	}
	marker := filepath.Join(t.TempDir(), "script-ran")
	files := map[string]string{"server.js": helloNode,
		"package.json": `{"name": "hello", "version": "1.0.0", "private": true, "scripts": {"preinstall": "touch ` + marker + `"}}`}
	res := checkOneLearner(t, files, func(o *CheckOptions) {
		o.Templates = withNodeStack(t)
	}, "node")
	if res.Status != StatusPassed {
		t.Fatalf("%s %q\n%q", res.Status, res.Reason, res.Log)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("the learner's install script ran")
	}
}
