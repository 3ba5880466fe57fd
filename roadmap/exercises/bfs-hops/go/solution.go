package main

// hops returns, for each node of an undirected graph of n nodes (0 to n-1)
// whose edge i joins us[i] and vs[i], how many edges the shortest path from
// start to it has, or -1 when no path reaches it.
func hops(n int, us, vs []int, start int) []int {
	// waymark:begin solution solve
	adj := make([][]int, n)
	for i := range us {
		adj[us[i]] = append(adj[us[i]], vs[i])
		adj[vs[i]] = append(adj[vs[i]], us[i])
	}
	dist := make([]int, n)
	for i := range dist {
		dist[i] = -1
	}
	dist[start] = 0
	queue := []int{start}
	for head := 0; head < len(queue); head++ {
		u := queue[head]
		for _, v := range adj[u] {
			if dist[v] < 0 {
				dist[v] = dist[u] + 1
				queue = append(queue, v)
			}
		}
	}
	return dist
	// waymark:end
}
