"""pydantic models of what clients send: task bodies and the listing's query string."""
