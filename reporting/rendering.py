"""The report's remarks table as HTML, built in Python (every value escaped here)."""

from django.utils import timezone
from django.utils.html import escape

from reporting.selectors import (
    COLUMNS,
    Report,
    ReportRow,
)

# --- The remarks table as HTML -----------------------------------------------------------


def _text_html(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _row_html(row: ReportRow) -> str:
    author = "<br>".join(_text_html(part) for part in (row.person, row.organisation) if part)
    received = timezone.localtime(row.received_at)
    notes = "".join(f"<br><strong>{escape(note)}</strong>" for note in row.received_notes)
    if row.withheld:
        content = f"<em>{escape(row.withheld)}</em>"
    else:
        content = "".join(
            f'<p><strong>{escape(label)}:</strong> <span lang="pl">{_text_html(text)}</span></p>'
            for label, text in row.content
        )
    outcome = f"<strong>{escape(row.outcome_label)}</strong>" if row.outcome else "—"
    return (
        f'<tr id="uwaga-{row.number}"><th scope="row">{row.number}</th>'
        f'<td lang="pl">{_text_html(row.fragment_text)}</td>'
        f'<td lang="pl">{author}</td>'
        f"<td>{escape(row.channel_label)}</td>"
        f'<td><time datetime="{received.isoformat()}">{row.received_text}</time>{notes}</td>'
        f"<td>{content}</td>"
        f"<td>{outcome}</td>"
        f'<td lang="pl">{_text_html(row.position_justification)}</td></tr>'
    )


def remarks_table_html(report: Report) -> str:
    """The row groups of the remarks table, one per section, built in Python: a template
    per remark costs milliseconds, and a report can hold thousands (comments/rendering.py
    does the same for the discussion). Everything a person wrote is escaped here."""
    parts = []
    for section in report.sections:
        parts.append(
            '<tbody><tr class="report-table__section">'
            f'<th scope="rowgroup" colspan="{len(COLUMNS)}" lang="pl">{escape(section.title)}</th>'
            "</tr>"
        )
        parts.extend(_row_html(row) for row in section.rows)
        parts.append("</tbody>")
    return "".join(parts)
