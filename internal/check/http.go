package check

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

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
			return notImplemented(p, body.Milestone)
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

// notImplemented is the diagnosis of a starter's stub that names its
// milestone; one that names none belongs to a one-milestone plan's only
// milestone (an exercise's solve).
func notImplemented(p *Plan, milestone string) string {
	if milestone == "" && len(p.Milestones) == 1 {
		milestone = p.Milestones[0].ID
	}
	if milestone == "" {
		return "not implemented yet — the starter's stub is still in place"
	}
	for _, m := range p.Milestones {
		if m.ID == milestone && m.Hint != "" {
			return fmt.Sprintf("not implemented yet — this is milestone %s's job: %s", m.ID, m.Hint)
		}
	}
	return fmt.Sprintf("not implemented yet — this is milestone %s's job", milestone)
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
