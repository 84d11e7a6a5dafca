"""Benchmark (not a test): `make bench` runs `python -m bench.run`."""
