package check

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"syscall"
)

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
