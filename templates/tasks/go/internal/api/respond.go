package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
)

// errorBody is the shape of every error answer; Fields is set for
// validation errors only.
type errorBody struct {
	Error     string            `json:"error"`
	Fields    map[string]string `json:"fields,omitempty"`
	Milestone string            `json:"milestone,omitempty"`
}

// writeJSON answers status with v encoded as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	// The status is sent: an encoding error can only be logged by the
	// caller's middleware, and v is always one of our own types.
	_ = json.NewEncoder(w).Encode(v)
}

// writeError answers status with {"error": msg}. msg is shown to clients:
// never put an internal error's text in it.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, errorBody{Error: msg})
}

// validationFailed answers 422 with one message per invalid field.
func validationFailed(w http.ResponseWriter, fields map[string]string) {
	writeJSON(w, http.StatusUnprocessableEntity, errorBody{Error: "validation failed", Fields: fields})
}

// internalError logs err with the request and answers a bare 500: the
// details stay in the logs.
func (s *Server) internalError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	writeError(w, http.StatusInternalServerError, "internal server error")
}

// notImplemented answers 501 naming the milestone that will implement the
// endpoint, so that `waymark check` can say what to do next.
//
//lint:ignore U1000 the starter's stubs call it; the reference has none left
func notImplemented(w http.ResponseWriter, milestone string) {
	writeJSON(w, http.StatusNotImplemented, errorBody{Error: "not implemented", Milestone: milestone})
}

// notImplementedHandler is a handler that always answers notImplemented.
//
//lint:ignore U1000 the starter's stubs call it; the reference has none left
func notImplementedHandler(milestone string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		notImplemented(w, milestone)
	})
}

// decodeJSON reads the request body as one JSON value into dst. On failure
// it answers 400 (or 413 for a body over the limit, 422 for text the
// database cannot store) and returns false.
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) bool {
	body, err := io.ReadAll(r.Body)
	if err == nil {
		dec := json.NewDecoder(bytes.NewReader(body))
		err = dec.Decode(dst)
		if err == nil && dec.More() {
			err = errors.New("trailing data after the JSON value")
		}
	}
	var tooLarge *http.MaxBytesError
	var wrongType *json.UnmarshalTypeError
	switch {
	case err == nil:
	case errors.As(err, &tooLarge):
		writeError(w, http.StatusRequestEntityTooLarge, "request body is too large")
		return false
	case errors.Is(err, io.EOF):
		writeError(w, http.StatusBadRequest, "request body must be a JSON object")
		return false
	case errors.As(err, &wrongType) && wrongType.Field != "":
		// Valid JSON with a field of the wrong type is invalid input, as
		// the Node and Python stacks answer it: 422 naming the field.
		field := wrongType.Field[strings.LastIndex(wrongType.Field, ".")+1:]
		validationFailed(w, map[string]string{field: "has the wrong type (want " + wrongType.Type.String() + ")"})
		return false
	default:
		// Say what kind of problem it is without echoing the parser's
		// message, which can quote the input back.
		writeError(w, http.StatusBadRequest, "request body is not valid JSON for this endpoint")
		return false
	}
	// waymark:begin solution hardening
	if fields := nulFields(body); len(fields) > 0 {
		validationFailed(w, fields)
		return false
	}
	// waymark:stub
	// waymark:end
	return true
}
