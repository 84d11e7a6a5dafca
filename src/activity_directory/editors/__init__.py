"""The tools of communications staff."""
