package check

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

var b64 = base64.RawURLEncoding

// forgeJWT makes a forged variant of a real token, to prove a server
// refuses it:
//   - expired: the same claims with exp an hour ago, re-signed with HS256
//     and the server's own key (so only the expiry is wrong);
//   - no-exp: the same claims without exp, re-signed the same way (a token
//     that would be valid forever);
//   - alg-none: header {"alg":"none"} and no signature;
//   - bad-signature: the same header and claims, signed with another key.
func forgeJWT(tok, how, key, keyEnv string, now time.Time) (string, error) {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return "", fmt.Errorf("the captured value is not a JWT (header.payload.signature)")
	}
	payload, err := b64.DecodeString(parts[1])
	if err != nil {
		return "", fmt.Errorf("the captured JWT's payload is not base64url: %v", err)
	}
	var claims map[string]any
	if err := json.Unmarshal(payload, &claims); err != nil {
		return "", fmt.Errorf("the captured JWT's payload is not a JSON object")
	}
	sign := func(header, claims []byte, key string) string {
		msg := b64.EncodeToString(header) + "." + b64.EncodeToString(claims)
		mac := hmac.New(sha256.New, []byte(key))
		mac.Write([]byte(msg))
		return msg + "." + b64.EncodeToString(mac.Sum(nil))
	}
	switch how {
	case "alg-none":
		return b64.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + parts[1] + ".", nil
	case "bad-signature":
		header, _ := b64.DecodeString(parts[0])
		return sign(header, payload, "waymark-wrong-key-"+parts[2]), nil
	case "expired":
		if key == "" {
			return "", fmt.Errorf("%s is not set, so waymark cannot sign an expired token the way your server does", keyEnv)
		}
		claims["iat"] = float64(now.Add(-2 * time.Hour).Unix())
		claims["exp"] = float64(now.Add(-time.Hour).Unix())
		body, _ := json.Marshal(claims)
		return sign([]byte(`{"alg":"HS256","typ":"JWT"}`), body, key), nil
	case "no-exp":
		return forgeNoExpiry(claims, key, keyEnv, sign)
	}
	return "", fmt.Errorf("unknown forge %q", how)
}

// forgeNoExpiry re-signs claims without exp with the server's key, as
// forgeJWT's no-exp.
func forgeNoExpiry(claims map[string]any, key, keyEnv string, sign func(header, claims []byte, key string) string) (string, error) {
	if key == "" {
		return "", fmt.Errorf("%s is not set, so waymark cannot sign a token without exp the way your server does", keyEnv)
	}
	delete(claims, "exp")
	body, _ := json.Marshal(claims)
	return sign([]byte(`{"alg":"HS256","typ":"JWT"}`), body, key), nil
}
