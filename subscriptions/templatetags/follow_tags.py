from django import template

from subscriptions import services

register = template.Library()


@register.simple_tag
def is_following(page, user) -> bool:
    """Does this logged-in person follow the consultation? (No query for anonymous readers.)"""
    return services.is_following(page=page, user=user)
