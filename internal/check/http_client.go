package check

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"
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

func (r *Runner) newClient() *http.Client { return r.newClientFor(MaxCopies) }

// newClientFor is a client keeping up to idle connections to one server
// alive: a load step's clients each keep theirs.
func (r *Runner) newClientFor(idle int) *http.Client {
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
		MaxIdleConnsPerHost: idle,
		ForceAttemptHTTP2:   false,
		TLSHandshakeTimeout: r.Timeout,
		// How long a big body waits for the server's 100 Continue (see
		// sendWith) before it is sent anyway.
		ExpectContinueTimeout: time.Second,
		Proxy:                 nil, // never through a proxy: checks talk to the learner's own server
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
