"""CCHC Desktop: the statistical appendix of the periodic administrative-reform report."""

__version__ = "0.1.0"
