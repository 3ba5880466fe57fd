package api

import (
	"bytes"
	"context"
	"time"
)

// slowBroker stands for a Redis that is slow to take some frames: Publish
// of a frame that slow picks returns only after delay. Like Redis, it
// relays frames in the order it took them.
type slowBroker struct {
	slow  func(frame []byte) bool
	delay time.Duration
	taken chan relayed
}

type relayed struct {
	room  int64
	frame []byte
}

func newSlowBroker(delay time.Duration, slow func(frame []byte) bool) *slowBroker {
	return &slowBroker{slow: slow, delay: delay, taken: make(chan relayed, 1024)}
}

// slowFrames picks frames that contain every one of parts.
func slowFrames(parts ...string) func([]byte) bool {
	return func(frame []byte) bool {
		for _, p := range parts {
			if !bytes.Contains(frame, []byte(p)) {
				return false
			}
		}
		return true
	}
}

func (b *slowBroker) Publish(_ context.Context, room int64, frame []byte) error {
	if b.slow(frame) {
		time.Sleep(b.delay)
	}
	b.taken <- relayed{room, frame}
	return nil
}

func (b *slowBroker) EndSession(context.Context, string) error { return nil }

func (b *slowBroker) Run(ctx context.Context, deliver func(int64, []byte), _ func(string)) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case r := <-b.taken:
			deliver(r.room, r.frame)
		}
	}
}

func (b *slowBroker) Close() error { return nil }

// withSlowBroker is a serveStoreWith setup.
func withSlowBroker(b *slowBroker) func(*Server) {
	return func(s *Server) { s.hub.UseBroker(b) }
}
