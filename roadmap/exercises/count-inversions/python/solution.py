def inversions(nums):
    """Returns how many pairs of positions i < j have nums[i] > nums[j]."""
    # waymark:begin solution solve
    return _sort_count(nums)[1]


def _sort_count(a):
    """Returns a sorted with merge sort and the inversions it removed."""
    if len(a) < 2:
        return a, 0
    mid = len(a) // 2
    left, n = _sort_count(a[:mid])
    right, m = _sort_count(a[mid:])
    n += m
    merged = []
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            merged.append(left[i])
            i += 1
        else:
            merged.append(right[j])
            j += 1
            n += len(left) - i  # right[j] is smaller than every number left in the first half
    merged.extend(left[i:])
    merged.extend(right[j:])
    return merged, n
    # waymark:end
