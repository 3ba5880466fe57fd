package main

import (
	"encoding/json"
	"net/http"
	"regexp"
	"sync"
	"time"
)

// payment is one payment made.
type payment struct {
	ID       int    `json:"id"`
	Amount   int    `json:"amount"`
	Currency string `json:"currency"`
}

// answer is what a key's first request was answered; done is false while
// it is being charged.
type answer struct {
	amount   int
	currency string
	done     bool
	payment  payment
}

// payments holds the payments made and the answers given per key.
type payments struct {
	mu   sync.Mutex
	made []payment
	keys map[string]*answer
}

func newPayments() *payments { return &payments{made: []payment{}, keys: map[string]*answer{}} }

// charge asks the bank for the money (it takes 200 ms, as a real call
// would) and records the payment.
func (p *payments) charge(amount int, currency string) payment {
	time.Sleep(200 * time.Millisecond)
	p.mu.Lock()
	defer p.mu.Unlock()
	pay := payment{ID: len(p.made) + 1, Amount: amount, Currency: currency}
	p.made = append(p.made, pay)
	return pay
}

// list answers GET /payments with every payment made.
func (p *payments) list(w http.ResponseWriter, _ *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	writeJSON(w, http.StatusOK, p.made)
}

// currencyRE is three capital letters, such as EUR.
var currencyRE = regexp.MustCompile(`^[A-Z]{3}$`)

// create answers POST /payments: a payment made at most once per
// Idempotency-Key.
func (p *payments) create(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	if key == "" || len(key) > 255 {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "send an Idempotency-Key header of 1 to 255 characters"})
		return
	}
	var in struct {
		Amount   *float64 `json:"amount"`
		Currency string   `json:"currency"`
	}
	err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&in)
	if err != nil || in.Amount == nil || *in.Amount < 1 || *in.Amount != float64(int(*in.Amount)) || !currencyRE.MatchString(in.Currency) {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"error": "send a whole amount of cents above 0 and a currency such as EUR"})
		return
	}
	// waymark:begin solution solve
	amount := int(*in.Amount)
	p.mu.Lock()
	a, known := p.keys[key]
	if !known {
		a = &answer{amount: amount, currency: in.Currency}
		p.keys[key] = a // reserved: a retry from now on sees it in flight
	}
	p.mu.Unlock()
	if known {
		p.mu.Lock()
		same, done, pay := a.amount == amount && a.currency == in.Currency, a.done, a.payment
		p.mu.Unlock()
		switch {
		case !same:
			writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"error": "this Idempotency-Key was used for another payment"})
		case !done:
			writeJSON(w, http.StatusConflict, map[string]string{"error": "this payment is still being made: retry in a moment"})
		default:
			w.Header().Set("Idempotent-Replayed", "true")
			writeJSON(w, http.StatusCreated, pay)
		}
		return
	}
	pay := p.charge(amount, in.Currency)
	p.mu.Lock()
	a.payment, a.done = pay, true
	p.mu.Unlock()
	writeJSON(w, http.StatusCreated, pay)
	// waymark:stub
	// notImplemented(w)
	// waymark:end
}
