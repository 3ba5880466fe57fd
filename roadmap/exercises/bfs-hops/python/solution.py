from collections import deque


def hops(n, us, vs, start):
    """Returns, for each node of an undirected graph of n nodes (0 to n-1) whose
    edge i joins us[i] and vs[i], how many edges the shortest path from start to
    it has, or -1 when no path reaches it."""
    # waymark:begin solution solve
    adj = [[] for _ in range(n)]
    for u, v in zip(us, vs):
        adj[u].append(v)
        adj[v].append(u)
    dist = [-1] * n
    dist[start] = 0
    queue = deque([start])
    while queue:
        u = queue.popleft()
        for v in adj[u]:
            if dist[v] < 0:
                dist[v] = dist[u] + 1
                queue.append(v)
    return dist
    # waymark:end
