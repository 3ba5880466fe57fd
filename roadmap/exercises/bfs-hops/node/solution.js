'use strict';

// hops returns, for each node of an undirected graph of n nodes (0 to n-1)
// whose edge i joins us[i] and vs[i], how many edges the shortest path from
// start to it has, or -1 when no path reaches it.
function hops(n, us, vs, start) {
  // waymark:begin solution solve
  const adj = Array.from({ length: n }, () => []);
  for (let i = 0; i < us.length; i++) {
    adj[us[i]].push(vs[i]);
    adj[vs[i]].push(us[i]);
  }
  const dist = new Array(n).fill(-1);
  dist[start] = 0;
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head];
    for (const v of adj[u]) {
      if (dist[v] < 0) {
        dist[v] = dist[u] + 1;
        queue.push(v);
      }
    }
  }
  return dist;
  // waymark:stub
  // throw new Error('TODO(solve): not implemented yet');
  // waymark:end
}

module.exports = { hops };
