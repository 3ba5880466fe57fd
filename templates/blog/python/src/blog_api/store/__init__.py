"""The SQL of the blog: users, articles, follows, favorites, comments, roles
and the dashboard's queries. Every function takes the connection to use as
its first argument."""
