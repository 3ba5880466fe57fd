'use strict';

// allow decides, for each request i (made at times[i] milliseconds by client
// clients[i], times in order), whether a token bucket of capacity tokens per
// client, refilled at rate tokens a second, lets it through.
function allow(capacity, rate, times, clients) {
  // waymark:begin solution solve
  const buckets = new Map(); // client → { level: thousandths of a token, last: the time of the last update }
  const out = new Array(times.length);
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    let b = buckets.get(clients[i]);
    if (b === undefined) {
      b = { level: capacity * 1000, last: t }; // a new client's bucket is full
      buckets.set(clients[i], b);
    }
    b.level = Math.min(capacity * 1000, b.level + (t - b.last) * rate);
    b.last = t;
    out[i] = b.level >= 1000;
    if (out[i]) b.level -= 1000;
  }
  return out;
  // waymark:stub
  // throw new Error('TODO(solve): not implemented yet');
  // waymark:end
}

module.exports = { allow };
