"""The blueprints: health, catalog, auth, admin products and users, cart,
orders and payments."""
