def count_pairs(nums, target):
    """Returns how many pairs of positions i < j have nums[i] + nums[j] == target."""
    # waymark:begin solution solve
    seen = {}  # value → how many times it came before
    pairs = 0
    for x in nums:
        pairs += seen.get(target - x, 0)
        seen[x] = seen.get(x, 0) + 1
    return pairs
    # waymark:end
