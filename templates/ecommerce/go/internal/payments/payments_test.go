package payments

import (
	"errors"
	"testing"
)

func TestVerify(t *testing.T) {
	secret, body := []byte("s3cret"), []byte(`{"id":"evt_1"}`)
	good := Sign(secret, body)
	for _, tc := range []struct {
		name, header string
		body         []byte
		want         bool
	}{
		{"valid", good, body, true},
		{"other body", good, []byte(`{"id":"evt_2"}`), false},
		{"other secret", Sign([]byte("other"), body), body, false},
		{"no prefix", good[len("sha256="):], body, false},
		{"not hex", "sha256=zz", body, false},
		{"empty", "", body, false},
	} {
		if got := Verify(secret, tc.body, tc.header); got != tc.want {
			t.Errorf("%s: Verify = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestMockCharge(t *testing.T) {
	if c, err := (Mock{}).Charge("4242 4242 4242 4242", 100); err != nil || c.Reference == "" {
		t.Fatalf("success card: %v %+v", err, c)
	}
	for card, want := range map[string]error{CardDeclined: ErrDeclined, CardInsufficientFunds: ErrNoFunds, "4111111111111111": ErrUnknownCard} {
		if _, err := (Mock{}).Charge(card, 100); !errors.Is(err, want) {
			t.Errorf("%s: err = %v, want %v", card, err, want)
		}
	}
}
