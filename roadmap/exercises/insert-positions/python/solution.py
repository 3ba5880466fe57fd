def insert_position(sorted_nums, x):
    """Returns where x would be inserted into sorted_nums (ascending) to keep it
    sorted, before any number equal to it: how many numbers are smaller than x."""
    # waymark:begin solution solve
    lo, hi = 0, len(sorted_nums)  # the answer is in [lo, hi]
    while lo < hi:
        mid = (lo + hi) // 2
        if sorted_nums[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo
    # waymark:end
