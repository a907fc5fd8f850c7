"""Benchmarks of CCHC Desktop next to their floors: ``python -m bench`` (docs/benchmarks.md)."""
