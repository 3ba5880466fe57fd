def pow_mod(base, exp, mod):
    """Returns base to the power exp, modulo mod: base^exp mod mod. base and exp
    are at least 0, mod at least 1."""
    # waymark:begin solution solve
    if exp == 0:
        return 1 % mod
    half = pow_mod(base, exp // 2, mod)  # computed once: one call per level
    r = half * half % mod
    if exp % 2 == 1:
        r = r * (base % mod) % mod
    return r
    # waymark:end
