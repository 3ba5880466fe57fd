package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"
)

// b64 is the base64url encoding without padding that JWTs use.
var b64 = base64.RawURLEncoding

// issue signs a 15-minute HS256 token for sub with key.
func issue(key []byte, sub string, now time.Time) string {
	header, _ := json.Marshal(map[string]string{"alg": "HS256", "typ": "JWT"})
	claims, _ := json.Marshal(map[string]any{"sub": sub, "iat": now.Unix(), "exp": now.Add(15 * time.Minute).Unix()})
	signed := b64.EncodeToString(header) + "." + b64.EncodeToString(claims)
	return signed + "." + b64.EncodeToString(sign(key, signed))
}

// sign is the HMAC-SHA256 of signed with key.
func sign(key []byte, signed string) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(signed))
	return mac.Sum(nil)
}

// me answers GET /me: 200 with the token's sub, or 401.
func me(w http.ResponseWriter, r *http.Request, key []byte) {
	// waymark:begin solution solve
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		w.Header().Set("WWW-Authenticate", "Bearer")
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "send Authorization: Bearer <token>"})
		return
	}
	sub, err := verify(key, strings.TrimSpace(token), time.Now())
	if err != nil {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid token: " + err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"sub": sub})
	// waymark:stub
	// notImplemented(w)
	// waymark:end
}

// waymark:begin solution solve

// verify checks token against key at now and returns its sub: the header
// pinned to HS256, the signature, exp (required) and nbf.
func verify(key []byte, token string, now time.Time) (string, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return "", errors.New("not three parts")
	}
	rawHeader, err1 := b64.DecodeString(parts[0])
	rawClaims, err2 := b64.DecodeString(parts[1])
	signature, err3 := b64.DecodeString(parts[2])
	if err1 != nil || err2 != nil || err3 != nil {
		return "", errors.New("not base64url")
	}
	var header struct {
		Alg string `json:"alg"`
	}
	if json.Unmarshal(rawHeader, &header) != nil || header.Alg != "HS256" {
		return "", errors.New("the algorithm must be HS256")
	}
	if !hmac.Equal(signature, sign(key, parts[0]+"."+parts[1])) {
		return "", errors.New("bad signature")
	}
	var claims map[string]any
	if json.Unmarshal(rawClaims, &claims) != nil {
		return "", errors.New("the claims are not a JSON object")
	}
	exp, ok := claims["exp"].(float64)
	if !ok || float64(now.Unix()) >= exp {
		return "", errors.New("expired, or no exp")
	}
	if nbf, present := claims["nbf"]; present {
		if n, ok := nbf.(float64); !ok || float64(now.Unix()) < n {
			return "", errors.New("not valid yet")
		}
	}
	sub, ok := claims["sub"].(string)
	if !ok || sub == "" {
		return "", errors.New("no sub")
	}
	return sub, nil
}

// waymark:end
