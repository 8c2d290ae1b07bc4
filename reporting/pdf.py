"""The consultation report as a PDF: A4 landscape, DejaVu Sans (Polish letters), the
consultation's title on every page, "Strona X z Y", the summary and then the remarks
table under `report.COLUMNS`.

reportlab is pure Python, and its general tools are slow at this size: one Table of
thousands of rows is split page by page in quadratic time, and a Paragraph measures and
escapes every character of every line. So the remarks table is a run of `TableRow`
flowables, one per remark, with the same column widths: lines are broken once, by a
greedy breaker over remembered word widths (long words are cut at the column's edge), the
text is written as PDF operators directly, and the column header is drawn by the page
template of the remarks' pages. It reads as one table that repeats its header on every
page; a row that does not fit breaks where the page ends and repeats the remark's number.
Remark text never goes through reportlab's markup parser, so nothing in it is markup.
"""

import io
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from reporting.selectors import COLUMNS, Report, ReportRow

FONTS = Path(__file__).resolve().parent / "fonts"

# Compressed streams stay binary: reportlab's ASCII85 armour is pure Python and slow.
rl_config.useA85 = 0
REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"

PAGE = landscape(A4)
MARGIN = 14 * mm
HEADER_BAND = 12 * mm  # the consultation's title above every page's frame
FOOTER_BAND = 10 * mm
WIDTH = PAGE[0] - 2 * MARGIN
# Lp., Fragment, Autor, Kanał, Data wpływu, Treść uwagi, Stanowisko, Uzasadnienie stanowiska
COLUMN_WIDTHS = [w * mm for w in (10, 28, 35, 20, 24, 76, 28, 48)]
GRID = colors.HexColor("#6b6b6b")
SHADE = colors.HexColor("#e8eef4")
INK = colors.HexColor("#1a1a1a")


class _MeasuredFont(TTFont):
    """A TrueType font that remembers the width of every word it has measured: reportlab
    measures each word of a paragraph in pure Python, character by character, and the
    words of remarks repeat a lot."""

    MEMORY = 200_000  # words; forgotten all at once beyond that

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._unit_widths = {}

    def stringWidth(self, text, size, encoding="utf8"):  # noqa: N802 - reportlab's name
        width = self._unit_widths.get(text)
        if width is None:
            if len(self._unit_widths) > self.MEMORY:
                self._unit_widths.clear()
            width = self._unit_widths[text] = super().stringWidth(text, 1000, encoding)
        return width * size * 0.001

    def splitString(self, text, doc, encoding="utf-8"):  # noqa: N802 - reportlab's name
        """Text as glyph codes of the font's subsets. Once every character of a line has
        its code in the first subset (after the first few lines, for Polish text), two
        `str.translate` calls do in C what reportlab does character by character."""
        state = self.state.get(doc)
        fast = getattr(state, "fast_codes", None)
        if fast is not None and isinstance(text, str) and not text.translate(state.known):
            return [(0, text.translate(fast).encode("latin-1"))]
        result = super().splitString(text, doc, encoding)
        state = self.state[doc]
        first = {code: chr(n) for code, n in state.assignments.items() if n < 256}
        if 32 in first:
            first[0xA0] = first[32]  # reportlab prints a no-break space as a space
        state.fast_codes = first
        state.known = dict.fromkeys(first)  # translating with it deletes known characters
        return result


@cache
def _fonts() -> None:
    pdfmetrics.registerFont(_MeasuredFont(REGULAR, FONTS / "DejaVuSans.ttf"))
    pdfmetrics.registerFont(_MeasuredFont(BOLD, FONTS / "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR)


@cache
def _styles() -> dict:
    _fonts()
    base = ParagraphStyle(
        "body", fontName=REGULAR, fontSize=9.5, leading=12.5, textColor=INK, splitLongWords=1
    )
    return {
        "body": base,
        "cell": ParagraphStyle("cell", base, fontSize=8, leading=10),
        "head": ParagraphStyle("head", base, fontName=BOLD, fontSize=8, leading=10),
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=18, leading=23),
        "subtitle": ParagraphStyle("subtitle", base, fontName=BOLD, fontSize=13, leading=17),
        "h2": ParagraphStyle(
            "h2",
            base,
            fontName=BOLD,
            fontSize=12,
            leading=16,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "banner": ParagraphStyle(
            "banner",
            base,
            fontName=BOLD,
            fontSize=11,
            leading=15,
            alignment=TA_CENTER,
            borderColor=colors.HexColor("#9a3412"),
            borderWidth=1.5,
            borderPadding=6,
            textColor=colors.HexColor("#7c2d12"),
            spaceBefore=6,
            spaceAfter=12,
        ),
        "section": ParagraphStyle("section", base, fontName=BOLD, fontSize=9, leading=11),
    }


def _markup(text) -> str:
    """Plain text as reportlab Paragraph markup: escaped, line breaks kept."""
    return escape(str(text)).replace("\n", "<br/>")


def _p(text, style="cell") -> Paragraph:
    return Paragraph(_markup(text), _styles()[style])


# --- Page furniture ------------------------------------------------------------------------


class NumberedCanvas(pdf_canvas.Canvas):
    """Holds the pages back until the end, so that each can say "Strona X z Y"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages = []

    def showPage(self):  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(REGULAR, 8)
            self.setFillColor(INK)
            self.drawRightString(
                PAGE[0] - MARGIN,
                MARGIN - 2 * mm,
                _("Page %(page)d of %(pages)d") % {"page": self._pageNumber, "pages": total},
            )
            super().showPage()
        super().save()


def _fit(text: str, font: str, size: float, width: float) -> str:
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[: max(len(text) - 8, 0)] if len(text) > 40 else text[:-1]
    return text + "…"


def _page_header(title: str, note: str):
    title = _fit(title, REGULAR, 8, WIDTH * 0.78)

    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(INK)
        top = PAGE[1] - MARGIN + 2 * mm
        canvas.drawString(MARGIN, top, title)
        canvas.drawRightString(PAGE[0] - MARGIN, top, note)
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, top - 2 * mm, PAGE[0] - MARGIN, top - 2 * mm)
        canvas.restoreState()

    return draw


def _column_header(header: Flowable, title: str, note: str):
    page_header = _page_header(title, note)

    def draw(canvas, doc):
        page_header(canvas, doc)
        header.drawOn(canvas, MARGIN, PAGE[1] - MARGIN - HEADER_BAND - header.height)

    return draw


# --- The remarks table ------------------------------------------------------------------

CELL_SIZE = 8
CELL_LEADING = 10
CELL_PADDING = 3
MIN_LINES = 4  # a row split across pages keeps at least this many lines on each side


def _cut(word: str, font, width: float) -> list[str]:
    """A word wider than its column, cut into pieces that fit."""
    pieces, current, current_width = [], "", 0.0
    for char in word:
        char_width = font.stringWidth(char, CELL_SIZE)
        if current and current_width + char_width > width:
            pieces.append(current)
            current, current_width = char, char_width
        else:
            current += char
            current_width += char_width
    pieces.append(current)
    return pieces


def _lines(paragraphs, width: float) -> list[tuple[str, str]]:
    """(font, text) paragraphs broken into (font, line) lines no wider than `width`.

    reportlab's Paragraph does the same with markup, but re-measures every word in pure
    Python: for thousands of remarks this greedy breaker over remembered word widths is
    what keeps the PDF within seconds."""
    lines = []
    for font_name, text in paragraphs:
        font = pdfmetrics.getFont(font_name)
        space = font.stringWidth(" ", CELL_SIZE)
        for paragraph in str(text).split("\n"):
            line, line_width = [], 0.0
            for word in paragraph.split():
                word_width = font.stringWidth(word, CELL_SIZE)
                if word_width > width:
                    if line:
                        lines.append((font_name, " ".join(line)))
                        line, line_width = [], 0.0
                    *whole, word = _cut(word, font, width)
                    lines.extend((font_name, piece) for piece in whole)
                    word_width = font.stringWidth(word, CELL_SIZE)
                if line and line_width + space + word_width > width:
                    lines.append((font_name, " ".join(line)))
                    line, line_width = [word], word_width
                else:
                    line_width += (space if line else 0) + word_width
                    line.append(word)
            lines.append((font_name, " ".join(line)))
    return lines


class TableRow(Flowable):
    """One row of the remarks table: cells of lines broken beforehand, a grid around them.
    A row split across pages repeats the remark's number on the next one."""

    def __init__(self, cells, widths, *, max_height, shade=None):
        super().__init__()
        self.cells = cells
        self.widths = widths
        self.max_height = max_height
        self.shade = shade
        self.width = sum(widths)
        self.height = max(len(cell) for cell in cells) * CELL_LEADING + 2 * CELL_PADDING

    @classmethod
    def of(cls, paragraphs_per_cell, widths, **kwargs):
        inner = [width - 2 * CELL_PADDING for width in widths]
        cells = [
            _lines(paragraphs, w) for paragraphs, w in zip(paragraphs_per_cell, inner, strict=True)
        ]
        return cls(cells, widths, **kwargs)

    def wrap(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        """Fill the page: a row breaks where the page ends, unless only a scrap of it would
        stand on either side (then it moves whole to the next page)."""
        fit = int((availHeight - 2 * CELL_PADDING) // CELL_LEADING)
        lines = max(len(cell) for cell in self.cells)
        if self.height <= self.max_height and (fit < MIN_LINES or lines - fit < MIN_LINES):
            return []
        if fit < 1:
            return []
        head = [cell[:fit] or [(REGULAR, "")] for cell in self.cells]
        tail = [cell[fit:] or [(REGULAR, "")] for cell in self.cells]
        tail[0] = self.cells[0][:1]  # the remark's number again
        kwargs = {"max_height": self.max_height, "shade": self.shade}
        return [TableRow(head, self.widths, **kwargs), TableRow(tail, self.widths, **kwargs)]

    def draw(self):
        """The grid and the text as PDF operators, written directly: reportlab's canvas
        methods format every number and escape every line in pure Python, which
        dominated the time."""
        width, height = self.width, self.height
        operators = ["q", "0.5 w", f"{_rgb(GRID)} RG"]
        if self.shade is not None:
            operators += [f"{_rgb(self.shade)} rg", f"0 0 {width:.2f} {height:.2f} re f"]
        operators.append(f"0 0 {width:.2f} {height:.2f} re S")
        x = 0
        for column in self.widths[:-1]:
            x += column
            operators.append(f"{x:.2f} 0 m {x:.2f} {height:.2f} l S")
        operators += [f"{_rgb(INK)} rg", self._text_operators(self.canv._doc), "Q"]  # noqa: SLF001
        self.canv._code.append("\n".join(operators))  # noqa: SLF001

    def _text_operators(self, doc) -> str:
        baseline = self.height - CELL_PADDING - pdfmetrics.getAscent(REGULAR, CELL_SIZE)
        operators = ["BT", f"{CELL_LEADING} TL"]
        current, x = None, CELL_PADDING
        for width, lines in zip(self.widths, self.cells, strict=True):
            operators.append(f"1 0 0 1 {x:.2f} {baseline:.2f} Tm")
            for font_name, line in lines:
                font = pdfmetrics.getFont(font_name)
                for subset, chunk in font.splitString(line, doc) if line else ():
                    if (font_name, subset) != current:
                        name = font.getSubsetInternalName(subset, doc)
                        operators.append(f"{name} {CELL_SIZE} Tf")
                        current = (font_name, subset)
                    operators.append(f"({chunk.decode('latin-1').translate(PDF_ESCAPES)}) Tj")
                operators.append("T*")
            x += width
        operators.append("ET")
        return "\n".join(operators)


@cache
def _rgb(color) -> str:
    return " ".join(f"{channel:.3f}" for channel in color.rgb())


# How a byte is written inside a PDF string: printable ASCII as itself, the rest in octal.
PDF_ESCAPES = {
    **{code: f"\\{code:03o}" for code in range(256) if code < 32 or code > 126},
    ord("\\"): "\\\\",
    ord("("): "\\(",
    ord(")"): "\\)",
}


def _remark_row(row: ReportRow, max_height: float) -> TableRow:
    if row.withheld:
        content = [(REGULAR, row.withheld)]
    else:
        content = []
        for label, text in row.content:
            content += [(BOLD, f"{label}:"), (REGULAR, text)]
    return TableRow.of(
        [
            [(REGULAR, str(row.number))],
            [(REGULAR, row.fragment_text)],
            [(REGULAR, row.author)],
            [(REGULAR, row.channel_label)],
            [(REGULAR, row.received_text), *((REGULAR, note) for note in row.received_notes)],
            content,
            [(BOLD, row.outcome_label or "—")],
            [(REGULAR, row.position_justification)],
        ],
        COLUMN_WIDTHS,
        max_height=max_height,
    )


def _column_header_row() -> TableRow:
    return TableRow.of(
        [[(BOLD, str(label))] for label in COLUMNS], COLUMN_WIDTHS, max_height=PAGE[1], shade=SHADE
    )


def _section_row(title: str, max_height: float) -> TableRow:
    row = TableRow.of([[(BOLD, title)]], [WIDTH], max_height=max_height, shade=SHADE)
    row.keepWithNext = True  # never alone at the foot of a page
    return row


# --- The summary ---------------------------------------------------------------------------

FACTS_STYLE = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (0, -1), SHADE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
)
BLOCKS_STYLE = TableStyle(  # tables side by side, without a frame of their own
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]
)
COUNTS_STYLE = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
)


def _facts(rows) -> Table:
    return Table(
        [[_p(label, "head"), _p(value)] for label, value in rows],
        colWidths=[70 * mm, WIDTH - 70 * mm],
        style=FACTS_STYLE,
        hAlign="LEFT",
    )


def _counts(header, rows, widths=(75 * mm, 25 * mm)) -> Table:
    """A small table of labels and numbers (numbers as plain strings: right-aligned)."""
    return Table(
        [
            [_p(label, "head") for label in header],
            *([_p(label), *(str(number) for number in numbers)] for label, *numbers in rows),
        ],
        colWidths=list(widths),
        style=COUNTS_STYLE,
        hAlign="LEFT",
        repeatRows=1,
    )


def _when(moment, pattern="j E Y, H:i") -> str:
    return date_format(timezone.localtime(moment), pattern) if moment else "—"


def _summary(report: Report) -> list:
    page = report.page
    styles = _styles()
    story = [
        Paragraph(_markup(_("Consultation report")), styles["title"]),
        Paragraph(_markup(page.title), styles["subtitle"]),
        Spacer(1, 4 * mm),
    ]
    if report.published_at:
        if report.edition.number > 1:
            story.append(
                _p(
                    _("Edition %(number)d — correction: %(note)s")
                    % {"number": report.edition.number, "note": report.edition.note},
                    "body",
                )
            )
        story.append(_p(_("Published on %(date)s.") % {"date": _when(report.published_at)}, "body"))
    else:
        story.append(_p(_("Preview: this report has not been published yet."), "banner"))
    if page.report_summary:
        story += [
            Paragraph(_markup(pgettext("report", "Summary")), styles["h2"]),
            _p(page.report_summary, "body"),
        ]
    story.append(Paragraph(_markup(_("The consultation in figures")), styles["h2"]))
    story.append(
        _facts(
            [
                (_("Subject"), page.subject or "—"),
                (_("Dates"), f"{_when(page.opens_at)} – {_when(page.closes_at)}"),
                (_("Forms used"), "; ".join(str(label) for label in page.form_labels()) or "—"),
                (_("Responsible unit"), page.responsible_unit or "—"),
                (_("Participants (people)"), report.participants),
                (_("Organisations taking part"), report.organisations),
                (pgettext("report", "Remarks"), len(report.rows)),
                (_("Remarks received after the closing date"), report.late),
                (_("Remarks with a formal defect"), report.formal_defects),
            ]
        )
    )
    if report.rows:
        by_outcome = list(report.by_outcome)
        if report.missing:
            by_outcome.append((_("without a position yet"), len(report.missing)))
        remarks = pgettext("report", "Remarks")
        side_by_side = [
            [
                Paragraph(_markup(_("Remarks by position")), styles["h2"]),
                _counts([pgettext("report", "Position"), remarks], by_outcome),
            ],
            [
                Paragraph(_markup(_("Remarks by channel")), styles["h2"]),
                _counts([pgettext("report", "Channel"), remarks], report.by_channel),
            ],
        ]
        story += [
            Spacer(1, 3 * mm),
            Table([side_by_side], colWidths=[WIDTH / 2] * 2, style=BLOCKS_STYLE, hAlign="LEFT"),
        ]
    header = [pgettext("workshop", "Table"), _("Confirmed participants"), _("Seats")]
    for index, workshop in enumerate(report.workshops):
        heading = f"{workshop.title} ({_when(workshop.starts_at)})"
        if workshop.cancelled:
            heading += " – " + pgettext("meeting", "cancelled")
        rows = [(t.name, t.confirmed, t.capacity) for t in workshop.tables]
        rows.append((pgettext("report", "Total"), workshop.confirmed, workshop.capacity))
        block = [
            _p(heading, "body"),
            Spacer(1, 1.5 * mm),
            _counts(header, rows, [100 * mm, 40 * mm, 25 * mm]),
            Spacer(1, 3 * mm),
        ]
        if index == 0:  # the section's heading stays with its first table
            block.insert(0, Paragraph(_markup(_("Workshop attendance")), styles["h2"]))
        story.append(KeepTogether(block))
    state = report.council_state
    if state:
        story.append(Paragraph(_markup(_("Opinion of the public benefit council")), styles["h2"]))
        if state == "given":
            if page.council_opinion_received_on:
                story.append(
                    _p(
                        _("Opinion received on %(date)s:")
                        % {"date": date_format(page.council_opinion_received_on, "j E Y")},
                        "body",
                    )
                )
            if page.council_opinion:
                story.append(_p(page.council_opinion, "body"))
            elif page.council_opinion_document_id:
                story.append(_p(_("The opinion was given as a file."), "body"))
        elif state == "not_given":
            story.append(
                _p(
                    _("No opinion was given within the deadline")
                    + " "
                    + _("(art. 41i ust. 2 of the Act: the council waived its right to give one)."),
                    "body",
                )
            )
        else:
            story.append(_p(_("The council has not given its opinion yet."), "body"))
    if not report.rows:
        story.append(Paragraph(_markup(pgettext("report", "Remarks")), styles["h2"]))
        story.append(_p(_("No remarks were received."), "body"))
    return story


def report_pdf(report: Report) -> bytes:
    _fonts()
    page = report.page
    buffer = io.BytesIO()
    note = (
        _("Consultation report")
        if report.published_at
        else _("Preview: this report has not been published yet.")
    )
    header = _column_header_row()
    top = PAGE[1] - MARGIN - HEADER_BAND
    bottom = MARGIN + FOOTER_BAND - 4 * mm
    remarks_height = top - bottom - header.height
    unpadded = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
    summary_frame = Frame(MARGIN, bottom, WIDTH, top - bottom, id="summary", **unpadded)
    remarks_frame = Frame(MARGIN, bottom, WIDTH, remarks_height, id="remarks", **unpadded)
    document = BaseDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"{_('Consultation report')}: {page.title}",
        subject=page.subject[:500],
        author=page.responsible_unit,
        creator="konsultacje",
        lang="pl",
        pageTemplates=[
            PageTemplate("summary", [summary_frame], onPage=_page_header(page.title, note)),
            PageTemplate(
                "remarks",
                [remarks_frame],
                onPage=_column_header(header, page.title, note),
            ),
        ],
    )
    story = _summary(report)
    if report.rows:
        story += [NextPageTemplate("remarks"), PageBreak()]
        for section in report.sections:
            story.append(_section_row(section.title, remarks_height))
            story.extend(_remark_row(row, remarks_height) for row in section.rows)
    document.build(story, canvasmaker=NumberedCanvas)
    return buffer.getvalue()
