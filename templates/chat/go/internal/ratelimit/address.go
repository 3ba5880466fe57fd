package ratelimit

import (
	"net"
	"net/http"
	"strings"
)

// ClientAddress is the address a request's budget is counted against: the
// peer of the connection, or, behind a reverse proxy the operator trusts
// (TRUST_PROXY=1), the last address in X-Forwarded-For, which is the one
// that proxy saw. Earlier entries are whatever the client chose to send.
func ClientAddress(r *http.Request, trustProxy bool) string {
	if trustProxy {
		if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
			last := xff[len(xff)-1]
			if i := strings.LastIndexByte(last, ','); i >= 0 {
				last = last[i+1:]
			}
			if a := strings.TrimSpace(last); a != "" {
				return a
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
