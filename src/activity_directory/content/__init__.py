"""The activity format and everything read from `content/`."""
