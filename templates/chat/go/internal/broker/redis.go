// Package broker carries room frames between chat instances through Redis
// pub/sub. It satisfies hub.Broker.
package broker

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/redis/go-redis/v9"
)

// Redis shares rooms between instances through Redis pub/sub. Redis
// forgets a frame once published: persistence is the database's job.
type Redis struct {
	client *redis.Client
	sub    *redis.PubSub
	prefix string // chat:<namespace>:room:, then the room id
	ended  string // chat:<namespace>:session-ended, carrying a session
}

// DialRedis connects to url (redis://host:port/db) and subscribes to every
// room's channel and to ended sessions before it returns, so that nothing
// published after it returns is missed. Each room has a channel
// chat:<namespace>:room:<id>; instances sharing a database share the
// namespace. Pub/sub ignores the database number in the URL, hence the
// namespace.
func DialRedis(ctx context.Context, url, namespace string) (*Redis, error) {
	b := &Redis{prefix: "chat:" + namespace + ":room:", ended: "chat:" + namespace + ":session-ended"}
	opts, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("REDIS_URL: %w", err)
	}
	b.client = redis.NewClient(opts)
	if err := b.client.Ping(ctx).Err(); err != nil {
		b.client.Close()
		return nil, fmt.Errorf("connect to redis: %w", err)
	}
	b.sub = b.client.PSubscribe(ctx, b.prefix+"*")
	err = b.sub.Subscribe(ctx, b.ended)
	for range 2 { // the two subscriptions' confirmations
		if err != nil {
			break
		}
		_, err = b.sub.Receive(ctx)
	}
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("subscribe to redis: %w", err)
	}
	return b, nil
}

// Publish sends a frame to the room's channel. It returns once Redis has
// it, and Redis relays a channel's frames in the order it got them.
func (b *Redis) Publish(ctx context.Context, room int64, frame []byte) error {
	return b.client.Publish(ctx, b.prefix+strconv.FormatInt(room, 10), frame).Err()
}

// EndSession tells every instance that a session ended.
func (b *Redis) EndSession(ctx context.Context, session string) error {
	return b.client.Publish(ctx, b.ended, session).Err()
}

// Run hands every frame of every room's channel to deliver, and every ended
// session to ended, until ctx ends. go-redis reconnects and resubscribes by
// itself after a network error.
func (b *Redis) Run(ctx context.Context, deliver func(room int64, frame []byte), ended func(session string)) error {
	ch := b.sub.Channel()
	for {
		select {
		case <-ctx.Done():
			return nil
		case msg, ok := <-ch:
			if !ok {
				return nil
			}
			if msg.Channel == b.ended {
				ended(msg.Payload)
				continue
			}
			room, err := strconv.ParseInt(strings.TrimPrefix(msg.Channel, b.prefix), 10, 64)
			if err != nil {
				continue
			}
			deliver(room, []byte(msg.Payload))
		}
	}
}

// Close ends the subscription and the connection pool.
func (b *Redis) Close() error {
	b.sub.Close()
	return b.client.Close()
}
