"""The SQL of the shop: products and categories, users, carts, orders and
payments. Every function takes the connection to use as its first argument;
user input reaches the database only as a parameter."""
