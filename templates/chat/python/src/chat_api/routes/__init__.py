"""The blueprints: health and the web client, auth and rooms (realtime/ has /ws)."""
