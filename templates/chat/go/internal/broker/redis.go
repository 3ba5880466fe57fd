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
}

// DialRedis connects to url (redis://host:port/db) and subscribes to every
// room's channel before it returns, so that no frame published after it
// returns is missed. Each room has a channel chat:<namespace>:room:<id>;
// instances sharing a database share the namespace. Pub/sub ignores the
// database number in the URL, hence the namespace.
func DialRedis(ctx context.Context, url, namespace string) (*Redis, error) {
	prefix := "chat:" + namespace + ":room:"
	opts, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("REDIS_URL: %w", err)
	}
	client := redis.NewClient(opts)
	if err := client.Ping(ctx).Err(); err != nil {
		client.Close()
		return nil, fmt.Errorf("connect to redis: %w", err)
	}
	sub := client.PSubscribe(ctx, prefix+"*")
	if _, err := sub.Receive(ctx); err != nil { // the subscription's confirmation
		sub.Close()
		client.Close()
		return nil, fmt.Errorf("subscribe to redis: %w", err)
	}
	return &Redis{client: client, sub: sub, prefix: prefix}, nil
}

// Publish sends a frame to the room's channel.
func (b *Redis) Publish(ctx context.Context, room int64, frame []byte) error {
	return b.client.Publish(ctx, b.prefix+strconv.FormatInt(room, 10), frame).Err()
}

// Run hands every frame of every room's channel to deliver until ctx ends.
// go-redis reconnects and resubscribes by itself after a network error.
func (b *Redis) Run(ctx context.Context, deliver func(room int64, frame []byte)) error {
	ch := b.sub.Channel()
	for {
		select {
		case <-ctx.Done():
			return nil
		case msg, ok := <-ch:
			if !ok {
				return nil
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
