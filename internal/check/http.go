package check

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/waymark-dev/waymark/internal/shell"
)

// ErrNotLoopback refuses a connection to a host that is not this machine.
var ErrNotLoopback = errors.New("not a loopback address")

// IsLoopbackHost reports whether host (a name or an IP, without port) is
// this machine: "localhost" or a loopback IP.
func IsLoopbackHost(host string) bool {
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// CheckURL validates a base URL: http(s), a host, and loopback unless
// allowRemote.
func CheckURL(raw string, allowRemote bool) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("--url %q: give a base URL such as http://127.0.0.1:8080", raw)
	}
	if !allowRemote && !IsLoopbackHost(u.Hostname()) {
		return "", fmt.Errorf("--url %q: %s is not this machine; checks only talk to loopback addresses unless you pass --allow-remote", raw, u.Hostname())
	}
	return strings.TrimSuffix(u.String(), "/"), nil
}

type redirectError struct{ to string }

func (e *redirectError) Error() string {
	return fmt.Sprintf("the server redirected to %s, which is not this machine; checks refuse to follow it (pass --allow-remote to allow)", e.to)
}

func (r *Runner) newClient() *http.Client {
	dialer := &net.Dialer{Timeout: r.Timeout}
	if !r.AllowRemote {
		// Checked at dial time too, so no name that resolves elsewhere slips by.
		dialer.Control = func(_, address string, _ syscall.RawConn) error {
			host, _, _ := net.SplitHostPort(address)
			if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
				return fmt.Errorf("%s: %w", host, ErrNotLoopback)
			}
			return nil
		}
	}
	tr := &http.Transport{
		DialContext:         dialer.DialContext,
		MaxIdleConnsPerHost: MaxCopies,
		ForceAttemptHTTP2:   false,
		TLSHandshakeTimeout: r.Timeout,
		Proxy:               nil, // never through a proxy: checks talk to the learner's own server
	}
	return &http.Client{
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("more than 5 redirects")
			}
			if !r.AllowRemote && !IsLoopbackHost(req.URL.Hostname()) {
				return &redirectError{req.URL.String()}
			}
			return nil
		},
	}
}

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
	if len(ex.body) > ownConnectionBody {
		req.Close = true
	}
	client := r.client
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

// diagnose turns a transport error into plain words.
func (r *Runner) diagnose(ex *exchange) string {
	err := ex.err
	u, _ := url.Parse(ex.url)
	hostport := ex.url
	if u != nil {
		hostport = u.Host
	}
	var re *redirectError
	switch {
	case errors.As(err, &re):
		return re.Error()
	case errors.Is(err, ErrNotLoopback):
		return fmt.Sprintf("refusing to connect to %s: it is not this machine (pass --allow-remote to check a remote server)", hostport)
	case errors.Is(err, syscall.ECONNREFUSED):
		if r.Server != nil {
			if exited, how := r.Server.Exited(); exited {
				return "your server has stopped (" + how + "); its last lines are below"
			}
		}
		return fmt.Sprintf("nothing listens on %s — does your server read PORT?", hostport)
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return fmt.Sprintf("no complete answer within %s — is a handler stuck (a lock, a slow query, a response never written or a body that never ends)?", r.Timeout)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNRESET):
		return "the server closed the connection before the response was complete — did a handler crash (a panic) or the process exit?"
	}
	return "the request failed: " + err.Error()
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func (r *Runner) runHTTP(ctx context.Context, p *Plan, h *HTTPStep, sc *scope, sr *StepResult) error {
	ex, err := r.build(&h.Request, sc)
	if err != nil {
		return err
	}
	sr.Curl = curlLine(ex)
	r.send(ctx, ex, h.Request.FollowRedirect == nil || *h.Request.FollowRedirect)
	if ex.err != nil {
		sr.Diagnosis = r.diagnose(ex)
		sr.Message = fmt.Sprintf("%s %s: no response", ex.method, pathOf(ex.url))
		if ex.status != 0 {
			sr.Message = fmt.Sprintf("%s %s: the response broke off", ex.method, pathOf(ex.url))
		}
		return errors.New(sr.Message)
	}
	sr.Body = prettyBody(ex.resBody, ex.truncated)
	if err := r.expect(p, &h.Expect, ex, sc, sr); err != nil {
		return err
	}
	return r.capture(h.Capture, ex, sc, sr)
}

func pathOf(u string) string {
	if p, err := url.Parse(u); err == nil {
		return p.RequestURI()
	}
	return u
}

func wantStatus(set StatusSet, got int) bool {
	if len(set) == 0 {
		return got >= 200 && got < 300
	}
	return slices.Contains(set, got)
}

func describeStatus(set StatusSet) string {
	if len(set) == 0 {
		return "status 2xx"
	}
	parts := make([]string, len(set))
	for i, c := range set {
		parts[i] = strconv.Itoa(c)
	}
	return "status " + strings.Join(parts, " or ")
}

// expect checks a response against e, most basic things first, so the
// reported problem is the one to fix first.
func (r *Runner) expect(p *Plan, e *Expect, ex *exchange, sc *scope, sr *StepResult) error {
	if !wantStatus(e.Status, ex.status) {
		sr.Diagnosis = statusDiagnosis(p, ex, e.Status)
		return failf(sr, describeStatus(e.Status), fmt.Sprintf("status %d", ex.status), "%s %s answered %d", ex.method, pathOf(ex.url), ex.status)
	}
	if ex.truncated {
		return failf(sr, fmt.Sprintf("a body of at most %s", sizeText(r.BodyCap)), "a larger body", "the response body is larger than %s; waymark stopped reading there", sizeText(r.BodyCap))
	}
	var doc any
	if len(e.JSON) > 0 {
		ct := ex.resHeader.Get("Content-Type")
		if mt, _, _ := mime.ParseMediaType(ct); mt != "application/json" && !strings.HasSuffix(mt, "+json") {
			sr.Diagnosis = "JSON answers must say so: set the header Content-Type: application/json before writing the body"
			if ct == "" {
				ct = "(none)"
			}
			return failf(sr, "Content-Type: application/json", "Content-Type: "+ct, "wrong content type")
		}
		if err := json.Unmarshal(ex.resBody, &doc); err != nil {
			sr.Diagnosis = "the body is not valid JSON (" + err.Error() + ") — write it with a JSON encoder, not by hand"
			return failf(sr, "a JSON body", firstLine(string(ex.resBody), 80), "the body is not JSON")
		}
	}
	for _, name := range sortedKeys(e.Headers) {
		m, err := sc.expandMatcher(e.Headers[name])
		if err != nil {
			return err
		}
		vals, found := ex.resHeader.Values(name), len(ex.resHeader.Values(name)) > 0
		if mm := m.apply("header "+name, strings.Join(vals, ", "), found, true); mm != nil {
			return failf(sr, mm.What+" "+mm.Expected, mm.Got, "header %s is not right", name)
		}
	}
	if e.Body != nil {
		m, err := sc.expandMatcher(e.Body)
		if err != nil {
			return err
		}
		if mm := m.apply("body", string(ex.resBody), true, true); mm != nil {
			return failf(sr, "body "+mm.Expected, firstLine(mm.Got, 120), "the body is not right")
		}
	}
	for _, jm := range e.JSON {
		m, err := sc.expandMatcher(jm)
		if err != nil {
			return err
		}
		got, found := lookup(doc, m.Path)
		if mm := m.apply(m.Path, got, found, false); mm != nil {
			return failf(sr, m.Path+" "+mm.Expected, mm.Got, "%s is not right", m.Path)
		}
	}
	return nil
}

// statusDiagnosis explains a wrong status in words.
func statusDiagnosis(p *Plan, ex *exchange, want StatusSet) string {
	switch ex.status {
	case http.StatusNotImplemented:
		var body struct{ Milestone string }
		_ = json.Unmarshal(ex.resBody, &body)
		if body.Milestone != "" {
			for _, m := range p.Milestones {
				if m.ID == body.Milestone {
					return fmt.Sprintf("not implemented yet — this is milestone %s's job: %s", m.ID, m.Hint)
				}
			}
			return fmt.Sprintf("not implemented yet — this is milestone %s's job", body.Milestone)
		}
		return "not implemented yet — the starter answers 501 until you write this handler"
	case http.StatusInternalServerError:
		return "your server failed while handling this request (500); its log below usually says why"
	case http.StatusMethodNotAllowed:
		return fmt.Sprintf("the path exists but does not accept %s — is the handler registered for this method?", ex.method)
	case http.StatusNotFound:
		if !slices.Contains(want, 404) {
			return fmt.Sprintf("no route answered %s %s — check the path, the method and the id", ex.method, pathOf(ex.url))
		}
	case http.StatusUnauthorized:
		if !slices.Contains(want, 401) {
			return "the server refused the credentials: is the Authorization: Bearer token read and verified correctly?"
		}
	}
	if ex.status >= 300 && ex.status < 400 {
		return "a redirect to " + ex.resHeader.Get("Location")
	}
	return ""
}

// capture stores the step's captures into sc.
func (r *Runner) capture(caps map[string]*Capture, ex *exchange, sc *scope, sr *StepResult) error {
	var doc any
	parsed := false
	for _, name := range sortedKeys(caps) {
		c := caps[name]
		var v any
		switch {
		case c.Header != "":
			h := ex.resHeader.Get(c.Header)
			if h == "" {
				sc.unset[name] = "the response had no " + c.Header + " header"
				return failf(sr, "a "+c.Header+" header", "none", "could not capture ${%s}: the response has no %s header", name, c.Header)
			}
			v = h
		default:
			if !parsed {
				if err := json.Unmarshal(ex.resBody, &doc); err != nil {
					sc.unset[name] = "the body was not JSON"
					return failf(sr, "a JSON body", firstLine(string(ex.resBody), 80), "could not capture ${%s}: the body is not JSON", name)
				}
				parsed = true
			}
			got, ok := lookup(doc, c.JSON)
			if !ok {
				sc.unset[name] = "the response had no " + c.JSON
				return failf(sr, c.JSON+" to exist", "nothing (missing)", "could not capture ${%s}: the response has no %s", name, c.JSON)
			}
			v = got
		}
		if err := r.store(name, c, v, sc); err != nil {
			sc.unset[name] = err.Error()
			continue
		}
	}
	return nil
}

// store saves a captured value, forging a JWT from it first if asked.
func (r *Runner) store(name string, c *Capture, v any, sc *scope) error {
	if c.JWT == nil {
		sc.vars[name] = v
		delete(sc.unset, name)
		return nil
	}
	tok, ok := v.(string)
	if !ok {
		return fmt.Errorf("%s is not a string, so not a JWT", c.JSON)
	}
	keyEnv := c.JWT.KeyEnv
	if keyEnv == "" {
		keyEnv = "JWT_SECRET"
	}
	key, _ := r.Env(keyEnv)
	forged, err := forgeJWT(tok, c.JWT.Forge, key, keyEnv, r.Now())
	if err != nil {
		return err
	}
	sc.vars[name] = forged
	delete(sc.unset, name)
	return nil
}

func (r *Runner) runParallel(ctx context.Context, p *Plan, ps *ParallelStep, sc *scope, sr *StepResult) error {
	exs := make([]*exchange, ps.Copies)
	for i := range exs {
		sc.index = i
		ex, err := r.build(&ps.Request, sc)
		sc.index = -1
		if err != nil {
			return err
		}
		exs[i] = ex
	}
	sr.Curl = curlLine(exs[0]) + fmt.Sprintf("   # ×%d at once", ps.Copies)
	var wg sync.WaitGroup
	gate := make(chan struct{})
	for _, ex := range exs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-gate
			r.send(ctx, ex, true)
		}()
	}
	close(gate)
	wg.Wait()
	counts := map[int]int{}
	errs := 0
	var firstErr *exchange
	for _, ex := range exs {
		if ex.err != nil {
			errs++
			if firstErr == nil {
				firstErr = ex
			}
			continue
		}
		counts[ex.status]++
	}
	got := describeCounts(counts, errs)
	want := describeExpectedCounts(ps.Expect.Counts)
	if errs > 0 {
		sr.Diagnosis = r.diagnose(firstErr)
		return failf(sr, want, got, "%d of %d requests got no response", errs, ps.Copies)
	}
	covered := map[int]bool{}
	for _, key := range sortedKeys(ps.Expect.Counts) {
		c := ps.Expect.Counts[key]
		n := 0
		for status, k := range counts {
			if statusMatches(key, status) {
				n += k
				covered[status] = true
			}
		}
		if n < c.Min || (c.Max >= 0 && n > c.Max) {
			for status, k := range counts {
				if status == http.StatusNotImplemented {
					sr.Diagnosis = statusDiagnosis(p, exampleOf(exs, status), nil)
				}
				_ = k
			}
			return failf(sr, want, got, "%d responses matched %s; expected %s", n, key, c.Text)
		}
	}
	for status, k := range counts {
		if !covered[status] {
			return failf(sr, want, got, "%d unexpected %d responses", k, status)
		}
	}
	return nil
}

func exampleOf(exs []*exchange, status int) *exchange {
	for _, ex := range exs {
		if ex.status == status {
			return ex
		}
	}
	return exs[0]
}

func statusMatches(key string, status int) bool {
	switch {
	case key == "any":
		return true
	case strings.HasSuffix(key, "xx"):
		return strconv.Itoa(status/100) == key[:1]
	}
	return key == strconv.Itoa(status)
}

func describeCounts(counts map[int]int, errs int) string {
	keys := make([]int, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%d: %d", k, counts[k]))
	}
	if errs > 0 {
		parts = append(parts, fmt.Sprintf("no response: %d", errs))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func describeExpectedCounts(c map[string]Count) string {
	var parts []string
	for _, k := range sortedKeys(c) {
		parts = append(parts, k+": "+c[k].Text)
	}
	return "{" + strings.Join(parts, ", ") + "}"
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
