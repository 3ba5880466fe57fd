// Package payments holds the built-in mock card provider and the
// verification of the provider's signed webhooks.
package payments

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
)

// Test card numbers the mock provider knows. Any other number is refused
// as unknown: no real card ever reaches this code.
const (
	CardSuccess           = "4242424242424242"
	CardDeclined          = "4000000000000002"
	CardInsufficientFunds = "4000000000009995"
)

// Errors of a charge.
var (
	ErrDeclined    = errors.New("card declined")
	ErrNoFunds     = errors.New("insufficient funds")
	ErrUnknownCard = errors.New("unknown card number: use a test card such as 4242424242424242")
)

// Charge is the mock provider's answer to a successful charge.
type Charge struct {
	Reference string // the provider's id for the charge
}

// Mock is a payment provider that decides by card number alone.
type Mock struct{}

// Charge "charges" amount minor units to card. Spaces and dashes in the
// number are ignored.
func (Mock) Charge(card string, amount int64) (Charge, error) {
	card = strings.NewReplacer(" ", "", "-", "").Replace(card)
	switch card {
	case CardSuccess:
		return Charge{Reference: "ch_" + strings.ToLower(rand.Text()[:16])}, nil
	case CardDeclined:
		return Charge{}, ErrDeclined
	case CardInsufficientFunds:
		return Charge{}, ErrNoFunds
	}
	return Charge{}, ErrUnknownCard
}

// SignatureHeader carries "sha256=<hex HMAC-SHA256 of the raw body>".
const SignatureHeader = "X-Signature"

// Sign returns the SignatureHeader value for body under secret.
func Sign(secret, body []byte) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Verify reports whether header is a valid signature of body under secret.
// hmac.Equal compares in constant time, so the time taken tells an
// attacker nothing about how much of a guess was right.
func Verify(secret, body []byte, header string) bool {
	got, ok := strings.CutPrefix(strings.TrimSpace(header), "sha256=")
	if !ok {
		return false
	}
	sig, err := hex.DecodeString(got)
	if err != nil {
		return false
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write(body)
	return hmac.Equal(sig, mac.Sum(nil))
}
