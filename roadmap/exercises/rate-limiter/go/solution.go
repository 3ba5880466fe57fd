package main

// allow decides, for each request i (made at times[i] milliseconds by
// client clients[i], times in order), whether a token bucket of capacity
// tokens per client, refilled at rate tokens a second, lets it through.
func allow(capacity, rate int, times, clients []int) []bool {
	// waymark:begin solution solve
	type bucket struct{ level, last int } // thousandths of a token; the time of the last update
	buckets := make(map[int]*bucket)
	out := make([]bool, len(times))
	for i, t := range times {
		b := buckets[clients[i]]
		if b == nil {
			b = &bucket{level: capacity * 1000, last: t} // a new client's bucket is full
			buckets[clients[i]] = b
		}
		b.level = min(capacity*1000, b.level+(t-b.last)*rate)
		b.last = t
		if b.level >= 1000 {
			b.level -= 1000
			out[i] = true
		}
	}
	return out
	// waymark:end
}
