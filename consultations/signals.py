"""What happens in a consultation's life that other parts of the site react to.

Sent after the transaction that made the change has committed.
"""

from django.dispatch import Signal

# sender=ConsultationPage, page=the consultation; the report has just been published.
report_published = Signal()

# sender=DraftVersion, version=the new public version (number ≥ 2 is a change of the draft).
version_published = Signal()
