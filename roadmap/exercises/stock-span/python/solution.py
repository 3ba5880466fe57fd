def spans(prices):
    """Returns, for each day i, how many consecutive days ending at day i (day i
    included) had a price at most prices[i]."""
    # waymark:begin solution solve
    out = []
    stack = []  # days not yet beaten by a later price, prices falling
    for i, p in enumerate(prices):
        while stack and prices[stack[-1]] <= p:
            stack.pop()
        out.append(i + 1 if not stack else i - stack[-1])
        stack.append(i)
    return out
    # waymark:end
