package scaffold

import (
	"path"
	"strings"
)

// commentStyle is how a file type writes a line comment: a leader and, for
// HTML-like files, a trailer.
type commentStyle struct {
	leader, trailer string
}

var (
	slashComment = commentStyle{leader: "//"}
	hashComment  = commentStyle{leader: "#"}
	dashComment  = commentStyle{leader: "--"}
	htmlComment  = commentStyle{leader: "<!--", trailer: "-->"}
)

// commentByExt maps a file extension to its comment style.
var commentByExt = map[string]commentStyle{
	".go": slashComment, ".mod": slashComment, ".js": slashComment, ".mjs": slashComment,
	".cjs": slashComment, ".ts": slashComment, ".tsx": slashComment, ".jsx": slashComment,
	".proto": slashComment,

	".yaml": hashComment, ".yml": hashComment, ".sh": hashComment, ".bash": hashComment,
	".py": hashComment, ".conf": hashComment, ".toml": hashComment, ".env": hashComment,
	".mk": hashComment, ".dockerfile": hashComment, ".gitignore": hashComment,
	".dockerignore": hashComment, ".editorconfig": hashComment,
	".cfg": hashComment, ".ini": hashComment, ".txt": hashComment,

	".sql": dashComment,

	".html": htmlComment, ".htm": htmlComment, ".md": htmlComment, ".markdown": htmlComment,
	".xml": htmlComment, ".svg": htmlComment,
}

// commentByBase maps whole file names without a telling extension.
var commentByBase = map[string]commentStyle{
	"Makefile": hashComment, "GNUmakefile": hashComment, "makefile": hashComment,
	"Dockerfile": hashComment, "Containerfile": hashComment, "Procfile": hashComment,
	".gitignore": hashComment, ".dockerignore": hashComment, ".editorconfig": hashComment,
	".gitattributes": hashComment, ".env": hashComment,
}

// commentFor returns the comment style of the file at p (slash path), judged
// by its name with any .tmpl suffix dropped, and whether one is known.
// .txt counts as "#" only so that requirements.txt and the like can carry
// markers; a file type without comments (JSON, go.sum) has none.
func commentFor(p string) (commentStyle, bool) {
	base := strings.TrimSuffix(path.Base(p), ".tmpl")
	if c, ok := commentByBase[base]; ok {
		return c, true
	}
	switch {
	case strings.HasPrefix(base, ".env"), strings.HasPrefix(base, "Dockerfile."):
		return hashComment, true
	}
	if c, ok := commentByExt[path.Ext(base)]; ok {
		return c, true
	}
	return commentStyle{}, false
}

// body returns the text of a comment line without indentation, leader and
// trailer, and whether line is a comment at all.
func (c commentStyle) body(line string) (string, bool) {
	t := strings.TrimSpace(line)
	if !strings.HasPrefix(t, c.leader) {
		return "", false
	}
	t = strings.TrimPrefix(t, c.leader)
	if c.trailer != "" {
		t = strings.TrimSuffix(strings.TrimRight(t, " \t"), c.trailer)
	}
	return strings.TrimSpace(t), true
}

// uncomment turns a stub line from the reference into starter code: the
// indentation is kept, the leader and one following space (and the trailer)
// are removed.
func (c commentStyle) uncomment(line string) (string, bool) {
	indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
	rest := line[len(indent):]
	if rest == "" {
		return "", true // a blank line inside a stub stays blank
	}
	if !strings.HasPrefix(rest, c.leader) {
		return "", false
	}
	rest = strings.TrimPrefix(rest, c.leader)
	rest = strings.TrimPrefix(rest, " ")
	if c.trailer != "" {
		rest = strings.TrimRight(rest, " \t")
		rest = strings.TrimSuffix(rest, c.trailer)
		rest = strings.TrimRight(rest, " \t")
	}
	return indent + rest, true
}

// comment writes text as one comment line at the given indentation.
func (c commentStyle) comment(indent, text string) string {
	if c.trailer != "" {
		return indent + c.leader + " " + text + " " + c.trailer
	}
	return indent + c.leader + " " + text
}
