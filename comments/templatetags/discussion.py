from django import template

register = template.Library()


@register.filter
def lookup(mapping, key):
    """`counts|lookup:paragraph.id` — a dictionary value in a template."""
    try:
        return mapping.get(key, 0)
    except AttributeError:
        return 0
