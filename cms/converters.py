"""URL converters.

`<id:…>` is `<int:…>` limited to nine digits: a number longer than the database's integer
column would otherwise reach the query and fail there (a 500 on SQLite's OverflowError or
PostgreSQL's "out of range") instead of being an ordinary 404.
"""

from django.urls import register_converter
from django.urls.converters import IntConverter


class IdConverter(IntConverter):
    regex = "[0-9]{1,9}"


# Registered on import: routable pages compile their routes when their class is defined.
register_converter(IdConverter, "id")
