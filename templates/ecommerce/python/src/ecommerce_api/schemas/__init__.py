"""pydantic models of what clients send. A field no model names (a "role" at
registration, a "total" or "unit_price" anywhere) is ignored."""
