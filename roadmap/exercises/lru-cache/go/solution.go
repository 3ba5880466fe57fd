package main

import "container/list"

// LRUCache holds at most a fixed number of keys; when a new key would go
// over, it forgets the least recently used one (a get or a put uses a key).
type LRUCache struct {
	// waymark:begin solution solve
	capacity int
	order    *list.List            // entries, the most recently used at the front
	byKey    map[int]*list.Element // key → its element in order
	// waymark:stub
	// // the fields you need
	// waymark:end
}

// entry is one key and its value.
type entry struct{ key, value int }

// NewLRUCache returns an empty cache of capacity keys (at least 1).
func NewLRUCache(capacity int) *LRUCache {
	// waymark:begin solution solve
	return &LRUCache{capacity: capacity, order: list.New(), byKey: make(map[int]*list.Element, capacity)}
	// waymark:end
}

// Get returns the key's value, or -1 when the cache does not hold it.
func (c *LRUCache) Get(key int) int {
	// waymark:begin solution solve
	e, ok := c.byKey[key]
	if !ok {
		return -1
	}
	c.order.MoveToFront(e)
	return e.Value.(*entry).value
	// waymark:end
}

// Put sets the key's value, forgetting the least recently used key when
// the cache would hold more than its capacity.
func (c *LRUCache) Put(key, value int) {
	// waymark:begin solution solve
	if e, ok := c.byKey[key]; ok {
		e.Value.(*entry).value = value
		c.order.MoveToFront(e)
		return
	}
	c.byKey[key] = c.order.PushFront(&entry{key, value})
	if c.order.Len() > c.capacity {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.byKey, oldest.Value.(*entry).key)
	}
	// waymark:end
}
