"""The judge's harness around pow_mod: each case's arguments are three lists of
the same length, the bases, the exponents and the moduli; the answer is
pow_mod of each triple."""

from judge import serve
from solution import pow_mod

serve(lambda args: lambda: [pow_mod(b, e, m) for b, e, m in zip(*args, strict=True)])
