"""The demo gmina Nadrzecze (`manage.py seed_demo`): every app's demo data in one place.

The top layer (house-style §17): it builds on every app through their public services,
and no app imports it. Long texts live in `data/`, editable without touching the code.
"""
