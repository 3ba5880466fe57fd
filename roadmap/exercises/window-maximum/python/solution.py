from collections import deque


def window_max(nums, k):
    """Returns the largest number of each window of k consecutive numbers, from
    the window starting at 0 to the one ending at the last number:
    len(nums) - k + 1 of them, none when k > len(nums). k is at least 1."""
    # waymark:begin solution solve
    out = []
    queue = deque()  # positions in the window whose numbers fall from front to back
    for i, x in enumerate(nums):
        while queue and nums[queue[-1]] <= x:
            queue.pop()
        queue.append(i)
        if queue[0] <= i - k:
            queue.popleft()  # it slid out of the window
        if i >= k - 1:
            out.append(nums[queue[0]])
    return out
    # waymark:end
