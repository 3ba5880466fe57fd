package hub

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/redis/go-redis/v9"
)

// channelPrefix names one Redis channel per room: chat:room:<id>.
const channelPrefix = "chat:room:"

// RedisBroker shares rooms between instances through Redis pub/sub. Redis
// forgets a frame once published: persistence is the database's job.
type RedisBroker struct {
	client *redis.Client
	sub    *redis.PubSub
}

// DialRedis connects to url (redis://host:port/db) and subscribes to every
// room's channel before it returns, so that no frame published after it
// returns is missed.
func DialRedis(ctx context.Context, url string) (*RedisBroker, error) {
	opts, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("REDIS_URL: %w", err)
	}
	client := redis.NewClient(opts)
	if err := client.Ping(ctx).Err(); err != nil {
		client.Close()
		return nil, fmt.Errorf("connect to redis: %w", err)
	}
	sub := client.PSubscribe(ctx, channelPrefix+"*")
	if _, err := sub.Receive(ctx); err != nil { // the subscription's confirmation
		sub.Close()
		client.Close()
		return nil, fmt.Errorf("subscribe to redis: %w", err)
	}
	return &RedisBroker{client: client, sub: sub}, nil
}

// Publish sends a frame to the room's channel.
func (b *RedisBroker) Publish(ctx context.Context, room int64, frame []byte) error {
	return b.client.Publish(ctx, channelPrefix+strconv.FormatInt(room, 10), frame).Err()
}

// Run hands every frame of every room's channel to deliver until ctx ends.
// go-redis reconnects and resubscribes by itself after a network error.
func (b *RedisBroker) Run(ctx context.Context, deliver func(room int64, frame []byte)) error {
	ch := b.sub.Channel()
	for {
		select {
		case <-ctx.Done():
			return nil
		case msg, ok := <-ch:
			if !ok {
				return nil
			}
			room, err := strconv.ParseInt(strings.TrimPrefix(msg.Channel, channelPrefix), 10, 64)
			if err != nil {
				continue
			}
			deliver(room, []byte(msg.Payload))
		}
	}
}

// Close ends the subscription and the connection pool.
func (b *RedisBroker) Close() error {
	b.sub.Close()
	return b.client.Close()
}
