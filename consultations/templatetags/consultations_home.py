"""`{% home_consultations page as consultations %}`: the home page (cms) asks for the
consultations through this tag instead of importing the consultation model."""

from django import template

from consultations.selectors import consultations_for_home

register = template.Library()


@register.simple_tag
def home_consultations(root):
    return consultations_for_home(root=root)
