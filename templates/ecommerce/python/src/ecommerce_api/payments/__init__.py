"""The built-in mock card provider, and the signatures of its webhooks."""
