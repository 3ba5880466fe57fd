// Command raw-http-request reads one HTTP/1.1 request on standard input,
// as a server receives it, and prints its method, target, version,
// headers and body, or "400 Bad Request: <why>" and exit status 1.
package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

func main() {
	data, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "raw-http-request:", err)
		os.Exit(2)
	}
	req, err := parse(data)
	if err != nil {
		fmt.Printf("400 Bad Request: %v\n", err)
		os.Exit(1)
	}
	fmt.Print(req.String())
}

// header is one header line: the name in lower case, the trimmed value.
type header struct {
	name, value string
}

// request is what parse finds in a request.
type request struct {
	method, target, version string
	headers                 []header
	body                    []byte
}

// String is the request as the program prints it.
func (r *request) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "method: %s\ntarget: %s\nversion: %s\n", r.method, r.target, r.version)
	for _, h := range r.headers {
		fmt.Fprintf(&b, "header: %s: %s\n", h.name, h.value)
	}
	fmt.Fprintf(&b, "body: %d bytes\n", len(r.body))
	if len(r.body) > 0 {
		b.Write(r.body)
		b.WriteByte('\n')
	}
	return b.String()
}

// parse reads one request from data, following RFC 9112; an error says
// why a server must answer 400.
func parse(data []byte) (*request, error) {
	// waymark:begin solution solve
	var lines []string
	rest := data
	for {
		nl := strings.IndexByte(string(rest), '\n')
		if nl < 0 {
			return nil, fmt.Errorf("the head does not end with an empty line")
		}
		line := strings.TrimSuffix(string(rest[:nl]), "\r")
		rest = rest[nl+1:]
		if line == "" {
			break
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		return nil, fmt.Errorf("no request line")
	}
	req := &request{}
	if err := req.parseRequestLine(lines[0]); err != nil {
		return nil, err
	}
	length, hasHost := "", false
	for _, line := range lines[1:] {
		name, value, ok := strings.Cut(line, ":")
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			return nil, fmt.Errorf("bad header line %q", line)
		}
		h := header{strings.ToLower(name), strings.Trim(value, " \t")}
		switch h.name {
		case "host":
			hasHost = true
		case "content-length":
			length = h.value
		}
		req.headers = append(req.headers, h)
	}
	if req.version == "HTTP/1.1" && !hasHost {
		return nil, fmt.Errorf("HTTP/1.1 needs a Host header")
	}
	n := 0
	if length != "" {
		if strings.Trim(length, "0123456789") != "" || len(length) > 9 {
			return nil, fmt.Errorf("Content-Length %q is not a number", length)
		}
		n, _ = strconv.Atoi(length) // nine digits or fewer always convert
	}
	if n > len(rest) {
		return nil, fmt.Errorf("the body is %d bytes, Content-Length says %d", len(rest), n)
	}
	req.body = rest[:n]
	return req, nil
	// waymark:end
}

// parseRequestLine reads "METHOD target version".
func (r *request) parseRequestLine(line string) error {
	// waymark:begin solution solve
	parts := strings.Split(line, " ")
	if len(parts) != 3 {
		return fmt.Errorf("the request line %q is not three parts", line)
	}
	r.method, r.target, r.version = parts[0], parts[1], parts[2]
	if r.method == "" || strings.Trim(r.method, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		return fmt.Errorf("bad method %q", r.method)
	}
	if !strings.HasPrefix(r.target, "/") {
		return fmt.Errorf("bad target %q", r.target)
	}
	if r.version != "HTTP/1.1" && r.version != "HTTP/1.0" {
		return fmt.Errorf("unknown version %q", r.version)
	}
	return nil
	// waymark:end
}
