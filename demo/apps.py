from django.apps import AppConfig


class DemoConfig(AppConfig):
    """`manage.py seed_demo` and the demo data of every app; no models."""

    name = "demo"
