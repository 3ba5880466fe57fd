def min_coins(coins, amount):
    """Returns the fewest coins, each of a value in coins (as many of each as
    needed), that add up to amount, or -1 when no combination does."""
    # waymark:begin solution solve
    impossible = amount + 1  # more coins than any real answer needs
    best = [0] + [impossible] * amount  # best[a]: the fewest coins for a
    for a in range(1, amount + 1):
        for c in coins:
            if c <= a and best[a - c] + 1 < best[a]:
                best[a] = best[a - c] + 1
    return -1 if best[amount] == impossible else best[amount]
    # waymark:end
