package check

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/waymark-dev/waymark/internal/shell"
)

// ownConnectionBody is the request body size above which a request is sent
// on a connection of its own (see send).
const ownConnectionBody = 64 << 10

// exchange is one HTTP request and what came back.
type exchange struct {
	method, url string
	header      http.Header
	body        []byte
	instance    int

	status    int
	resHeader http.Header
	resBody   []byte
	truncated bool
	err       error
	elapsed   time.Duration
}

// build interpolates a request.
func (r *Runner) build(req *Request, sc *scope) (*exchange, error) {
	path, err := sc.expand(req.Path)
	if err != nil {
		return nil, err
	}
	ex := &exchange{method: req.Method, url: r.URLs[req.Instance] + path, header: http.Header{}, instance: req.Instance}
	switch {
	case req.JSON != nil:
		v, err := sc.expandValue(req.JSON.V)
		if err != nil {
			return nil, err
		}
		ex.body, _ = json.Marshal(v)
		ex.header.Set("Content-Type", "application/json")
	case req.Body != nil:
		b, err := sc.expand(*req.Body)
		if err != nil {
			return nil, err
		}
		ex.body = []byte(b)
	}
	if req.Bearer != "" {
		tok, err := sc.expand(req.Bearer)
		if err != nil {
			return nil, err
		}
		ex.header.Set("Authorization", "Bearer "+tok)
	}
	for _, k := range sortedKeys(req.Headers) {
		v, err := sc.expand(req.Headers[k])
		if err != nil {
			return nil, err
		}
		ex.header.Set(k, v)
	}
	if ex.header.Get("Accept") == "" {
		ex.header.Set("Accept", "application/json")
	}
	return ex, nil
}

// send performs the exchange within the runner's timeout and body cap.
func (r *Runner) send(ctx context.Context, ex *exchange, follow bool) {
	r.sendWith(ctx, r.client, ex, follow)
}

// sendWith is send through a client of its own (a load step's).
func (r *Runner) sendWith(ctx context.Context, client *http.Client, ex *exchange, follow bool) {
	ctx, cancel := context.WithTimeout(ctx, r.Timeout)
	defer cancel()
	start := time.Now()
	defer func() { ex.elapsed = time.Since(start) }()
	var body io.Reader
	if ex.body != nil {
		body = bytes.NewReader(ex.body)
	}
	req, err := http.NewRequestWithContext(ctx, ex.method, ex.url, body)
	if err != nil {
		ex.err = err
		return
	}
	req.Header = ex.header.Clone()
	// A server may answer a big body before reading all of it (a 413) and
	// then close the kept-alive connection rather than read the rest
	// (gunicorn drains 64 KiB): the next step's request, already sent on
	// that connection, would fail through no fault of the server. So a big
	// request gets a connection of its own.
	//
	// And it asks first (Expect: 100-continue): a server that refuses the
	// body from its headers (a Content-Length over its limit) answers before
	// the body is sent, where sending it anyway would race the server's
	// close and could end in a broken pipe instead of the server's answer.
	// A server that ignores the header gets the body after a second.
	if len(ex.body) > ownConnectionBody {
		req.Close = true
		if req.Header.Get("Expect") == "" {
			req.Header.Set("Expect", "100-continue")
		}
	}
	if !follow {
		c := *client
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		client = &c
	}
	resp, err := client.Do(req)
	if err != nil {
		ex.err = err
		return
	}
	defer resp.Body.Close()
	ex.status, ex.resHeader = resp.StatusCode, resp.Header
	ex.resBody, ex.err = io.ReadAll(io.LimitReader(resp.Body, r.BodyCap+1))
	if int64(len(ex.resBody)) > r.BodyCap {
		ex.resBody, ex.truncated = ex.resBody[:r.BodyCap], true
	}
}

// curlLine is the request as a command the learner can paste.
func curlLine(ex *exchange) string {
	var b strings.Builder
	b.WriteString("curl -i")
	switch ex.method {
	case "GET":
	case "HEAD":
		b.WriteString(" -I")
	default:
		b.WriteString(" -X " + ex.method)
	}
	b.WriteString(" " + shell.Quote(ex.url))
	for _, k := range sortedKeys(ex.header) {
		if k == "Accept" {
			continue
		}
		for _, v := range ex.header[k] {
			b.WriteString(" -H " + shell.Quote(k+": "+v))
		}
	}
	if ex.body != nil {
		if len(ex.body) > 2048 {
			fmt.Fprintf(&b, " --data-binary @body.json  # a %s body, not shown", sizeText(int64(len(ex.body))))
		} else {
			b.WriteString(" --data-raw " + shell.Quote(string(ex.body)))
		}
	}
	return b.String()
}

// prettyBody is a response body for a report: indented JSON or text,
// trimmed to a screenful.
func prettyBody(body []byte, truncated bool) string {
	const maxLines, maxBytes = 25, 2000
	if len(body) > 64<<10 {
		body = body[:64<<10]
	}
	text := string(body)
	var buf bytes.Buffer
	if json.Indent(&buf, body, "", "  ") == nil {
		text = buf.String()
	}
	text = strings.ToValidUTF8(text, "�")
	cut := false
	if len(text) > maxBytes {
		text, cut = text[:maxBytes], true
	}
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	if len(lines) > maxLines {
		lines, cut = lines[:maxLines], true
	}
	if cut || truncated {
		lines = append(lines, "… (trimmed)")
	}
	if len(body) == 0 {
		return ""
	}
	return strings.Join(lines, "\n")
}

func firstLine(s string, n int) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > n {
		s = s[:n] + "…"
	}
	if s == "" {
		return "(empty)"
	}
	return strconv.Quote(s)
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
