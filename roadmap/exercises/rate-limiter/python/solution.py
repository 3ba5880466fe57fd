def allow(capacity, rate, times, clients):
    """Decides, for each request i (made at times[i] milliseconds by client
    clients[i], times in order), whether a token bucket of capacity tokens per
    client, refilled at rate tokens a second, lets it through."""
    # waymark:begin solution solve
    full = capacity * 1000
    buckets = {}  # client → [thousandths of a token, the time of the last update]
    out = []
    for t, client in zip(times, clients):
        b = buckets.get(client)
        if b is None:
            b = buckets[client] = [full, t]  # a new client's bucket is full
        b[0] = min(full, b[0] + (t - b[1]) * rate)
        b[1] = t
        if b[0] >= 1000:
            b[0] -= 1000
            out.append(True)
        else:
            out.append(False)
    return out
    # waymark:end
