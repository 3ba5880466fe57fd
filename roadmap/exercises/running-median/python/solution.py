import heapq


def medians(nums):
    """Returns, after each number of nums, the lower median of the numbers so
    far: the middle one of an odd count, the smaller of the two middle ones of
    an even count."""
    # waymark:begin solution solve
    low = []  # the smaller half, negated: heapq keeps the smallest on top
    high = []  # the larger half
    out = []
    for x in nums:
        heapq.heappush(high, -heapq.heappushpop(low, -x))
        if len(high) > len(low):
            heapq.heappush(low, -heapq.heappop(high))
        out.append(-low[0])
    return out
    # waymark:end
