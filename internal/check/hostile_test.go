package check

import (
	"bufio"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestHostileServer proves every limit holds with a clear message.
func TestHostileServer(t *testing.T) {
	block := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/silent", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		chunk := []byte(strings.Repeat("x", 32<<10))
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(strings.Repeat(" ", 10<<20)))
	})
	mux.HandleFunc("/away", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://93.184.216.34/steal", http.StatusFound)
	})
	mux.HandleFunc("/hangup", func(w http.ResponseWriter, r *http.Request) {
		conn, buf, _ := w.(http.Hijacker).Hijack()
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: application/json\r\n\r\n{\"a\":")
		buf.Flush()
		conn.Close()
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	defer close(block)

	cases := []struct{ path, want string }{
		{"/silent", "no complete answer within 300ms"},
		{"/endless", "larger than 64 KiB"},
		{"/huge", "larger than 64 KiB"},
		{"/away", "redirected to http://93.184.216.34/steal, which is not this machine"},
		{"/hangup", "closed the connection before the response was complete"},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			s := mustDecode(t, "format: 1\nmilestone: boot\nsteps:\n  - name: x\n    http: {request: {path: "+c.path+"}}\n")
			r := &Runner{URLs: []string{srv.URL}, Timeout: 300 * time.Millisecond, BodyCap: 64 << 10}
			start := time.Now()
			rep := r.Run(context.Background(), &Plan{Project: "demo", Milestones: testMilestones[:1], Suites: []*Suite{s}})
			f := firstFailure(rep)
			if f == nil {
				t.Fatal("passed")
			}
			if text := f.Message + " " + f.Diagnosis; !strings.Contains(text, c.want) {
				t.Errorf("message %q / diagnosis %q; want %q", f.Message, f.Diagnosis, c.want)
			}
			if el := time.Since(start); el > 3*time.Second {
				t.Errorf("took %s", el)
			}
			if len(f.Body) > 2100 {
				t.Errorf("report body is %d bytes", len(f.Body))
			}
		})
	}
}

func TestRemoteRefused(t *testing.T) {
	if _, err := CheckURL("http://example.com:8080", false); err == nil || !strings.Contains(err.Error(), "--allow-remote") {
		t.Errorf("CheckURL remote = %v", err)
	}
	for _, u := range []string{"http://127.0.0.1:8080/", "http://localhost:3000", "http://[::1]:80"} {
		if _, err := CheckURL(u, false); err != nil {
			t.Errorf("CheckURL(%s) = %v", u, err)
		}
	}
	// A listener on a non-loopback address of this machine, if it has one,
	// is still refused at dial time.
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		ipn, ok := a.(*net.IPNet)
		if !ok || ipn.IP.IsLoopback() || ipn.IP.To4() == nil {
			continue
		}
		l, err := net.Listen("tcp", ipn.IP.String()+":0")
		if err != nil {
			continue
		}
		go func() {
			c, err := l.Accept()
			if err == nil {
				_, _ = bufio.NewReader(c).ReadString('\n')
				c.Close()
			}
		}()
		defer l.Close()
		s := mustDecode(t, "format: 1\nmilestone: boot\nsteps: [{name: x, http: {request: {path: /}}}]\n")
		r := &Runner{URLs: []string{"http://" + l.Addr().String()}, Timeout: time.Second}
		f := firstFailure(r.Run(context.Background(), &Plan{Project: "demo", Milestones: testMilestones[:1], Suites: []*Suite{s}}))
		if f == nil || !strings.Contains(f.Diagnosis, "it is not this machine") {
			t.Errorf("non-loopback dial: %+v", f)
		}
		return
	}
}
