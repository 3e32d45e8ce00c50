"""ecoplan — a district's eco-environment plans as an accountable, measured programme."""

__version__ = "0.1.0"
