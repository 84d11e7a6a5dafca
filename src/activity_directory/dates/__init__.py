"""The occurrence engine and how dates read."""
