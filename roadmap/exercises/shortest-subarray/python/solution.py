def shortest_run(nums, target):
    """Returns the length of the shortest run of consecutive numbers whose sum
    is at least target, or 0 when no run reaches it. The numbers are positive."""
    # waymark:begin solution solve
    best, total, left = 0, 0, 0
    for right, x in enumerate(nums):
        total += x
        while total >= target:
            n = right - left + 1
            if best == 0 or n < best:
                best = n
            total -= nums[left]
            left += 1
    return best
    # waymark:end
