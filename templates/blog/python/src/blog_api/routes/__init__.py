"""The blueprints: health, and the RealWorld API's users, articles, social
and roles."""
