"""Synthetic data at national scale for measuring (``manage.py seed_scale``)."""
