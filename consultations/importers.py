"""Turn a draft written elsewhere (a .docx file, or pasted text) into chapters and paragraphs.

Recognised: "Rozdział 1" (optionally with its title on the same or the next line) starts a
chapter; "§ 3." starts a paragraph; inside a paragraph "2." starts a section (ust.) and
"4)" a point (pkt). Other lines continue the current unit. Nothing is saved here: the
result is shown to the coordinator as a preview first.
"""

import re
import uuid
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from lxml import etree

CHAPTER = re.compile(r"^Rozdział\s+([0-9]+|[IVXLC]+)\b\.?\s*(.*)$", re.IGNORECASE)
PARAGRAPH = re.compile(r"^§\s*(\d+[a-z]?)\.?\s*(.*)$")
SECTION = re.compile(r"^(\d+[a-z]?)\.\s+(.*)$")
POINT = re.compile(r"^(\d+[a-z]?)\)\s+(.*)$")
MAX_BYTES = 10 * 1024 * 1024
# What one import may cost, whatever the file: a .docx is a zip archive, and a small one can
# unpack to hundreds of megabytes or hold hundreds of thousands of paragraphs. The bounds are
# far above any real draft (a long programme has ~1 000 lines and ~100 000 characters).
MAX_DOCX_PARTS = 1000  # files inside the .docx archive
MAX_DOCX_UNPACKED = 30 * 1024 * 1024  # their size once unpacked, in bytes
MAX_LINES = 20_000  # lines of text (paragraphs of the Word file), empty ones included
MAX_PARAGRAPH_CHARS = 20_000  # characters of one paragraph of the draft (or one line)
MAX_TEXT_CHARS = 2_000_000  # characters of the whole draft


class DraftImportError(Exception):
    """A file that cannot be read as a draft; the message is for the coordinator."""


@dataclass
class ParsedDraft:
    chapters: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def paragraph_count(self) -> int:
        return sum(len(chapter["paragraphs"]) for chapter in self.chapters)

    def as_stream(self, previous: list[dict] | None = None) -> list[dict]:
        """The value to assign to ConsultationPage.draft (Wagtail's raw stream form).

        `previous` is the page's current draft (ConsultationPage.chapters): a chapter with the
        same title and a paragraph with the same number keep their identifier, so links and
        comments on them stay attached after re-importing a corrected file.
        """
        chapter_ids, paragraph_ids = _identifiers(previous or [])
        return [
            {
                "type": "chapter",
                "id": chapter_ids.get(chapter["title"]) or str(uuid.uuid4()),
                "value": {
                    "title": chapter["title"],
                    "paragraphs": [
                        {
                            "type": "paragraph",
                            "id": paragraph_ids.get(p["label"]) or str(uuid.uuid4()),
                            "value": {"label": p["label"], "text": p["text"]},
                        }
                        for p in chapter["paragraphs"]
                    ],
                },
            }
            for chapter in self.chapters
        ]

    def compare_with(self, previous: list[dict]) -> dict[str, list[str]]:
        """Paragraph numbers that keep their identifier, are new, or will be removed."""
        _chapter_ids, paragraph_ids = _identifiers(previous)
        labels = [p["label"] for chapter in self.chapters for p in chapter["paragraphs"]]
        return {
            "kept": [label for label in labels if label in paragraph_ids],
            "new": [label for label in labels if label not in paragraph_ids],
            "removed": [label for label in paragraph_ids if label not in set(labels)],
        }


def _identifiers(chapters: list[dict]) -> tuple[dict, dict]:
    """Identifiers by chapter title and by paragraph number (the first one wins)."""
    chapter_ids, paragraph_ids = {}, {}
    for chapter in chapters:
        chapter_ids.setdefault(chapter["title"], chapter["id"])
        for paragraph in chapter["paragraphs"]:
            paragraph_ids.setdefault(paragraph["label"], paragraph["id"])
    return chapter_ids, paragraph_ids


def parse_text(text: str) -> ParsedDraft:
    if len(text) > MAX_TEXT_CHARS:
        raise DraftImportError(_too_long_message())
    return _parse_lines(text.splitlines())


def _too_long_message() -> str:
    return _("The draft is longer than %(count)s characters; import it in parts.") % {
        "count": f"{MAX_TEXT_CHARS:,}".replace(",", " ")
    }


def _parse_lines(lines: Iterable[str]) -> ParsedDraft:
    """The draft in `lines`, read once from start to end; refused as soon as it passes one of
    the bounds above, so a hostile file costs at most that much work."""
    draft = ParsedDraft()
    chapter = None
    paragraph_number = None
    section = None
    awaiting_title = False
    unit = None
    skipped = []
    total_chars = 0

    def start_chapter(title):
        nonlocal chapter, paragraph_number, section, unit
        chapter = {"title": title, "paragraphs": []}
        draft.chapters.append(chapter)
        paragraph_number = section = unit = None

    def add_unit(label, body):
        nonlocal unit
        if chapter is None:
            start_chapter(pgettext("document", "Draft"))
        # Continuation lines are collected in a list and joined once at the end.
        unit = {"label": label, "lines": [body] if body else [], "length": len(body)}
        chapter["paragraphs"].append(unit)

    for line_number, raw_line in enumerate(lines, start=1):
        if line_number > MAX_LINES:
            raise DraftImportError(
                _("The draft has more than %(count)s lines; import it in parts.")
                % {"count": f"{MAX_LINES:,}".replace(",", " ")}
            )
        if len(raw_line) > MAX_PARAGRAPH_CHARS:
            raise DraftImportError(_paragraph_too_long_message())
        total_chars += len(raw_line)
        if total_chars > MAX_TEXT_CHARS:
            raise DraftImportError(_too_long_message())
        line = " ".join(raw_line.split())
        if not line:
            continue
        if match := CHAPTER.match(line):
            start_chapter(f"Rozdział {match[1]}." + (f" {match[2]}" if match[2] else ""))
            awaiting_title = not match[2]
            continue
        if awaiting_title and not PARAGRAPH.match(line):
            chapter["title"] += f" {line}"
            awaiting_title = False
            continue
        awaiting_title = False
        if match := PARAGRAPH.match(line):
            paragraph_number, section = match[1], None
            rest = match[2]
            if section_match := SECTION.match(rest):
                section = section_match[1]
                add_unit(f"§ {paragraph_number} ust. {section}", section_match[2])
            else:
                add_unit(f"§ {paragraph_number}", rest)
            continue
        if paragraph_number and (match := SECTION.match(line)):
            section = match[1]
            add_unit(f"§ {paragraph_number} ust. {section}", match[2])
            continue
        if paragraph_number and (match := POINT.match(line)):
            prefix = f"§ {paragraph_number}" + (f" ust. {section}" if section else "")
            add_unit(f"{prefix} pkt {match[1]}", match[2])
            continue
        if unit is not None:
            unit["lines"].append(line)
            unit["length"] += len(line) + 1
            if unit["length"] > MAX_PARAGRAPH_CHARS:
                raise DraftImportError(_paragraph_too_long_message())
        elif len(skipped) < 50:  # only the start is quoted in the warning
            skipped.append(line)

    for chapter_ in draft.chapters:
        chapter_["paragraphs"] = [
            {"label": paragraph["label"], "text": "\n".join(paragraph["lines"]) or "—"}
            for paragraph in chapter_["paragraphs"]
        ]
    if skipped:
        draft.warnings.append(
            _("Text before the first chapter or paragraph was left out: “%(text)s”.")
            % {"text": " ".join(skipped)[:200]}
        )
    empty = [chapter_["title"] for chapter_ in draft.chapters if not chapter_["paragraphs"]]
    if empty:
        draft.warnings.append(
            _("Chapters without paragraphs: %(titles)s.") % {"titles": "; ".join(empty)}
        )
    if not draft.paragraph_count:
        raise DraftImportError(
            _("No chapters (“Rozdział 1”) or paragraphs (“§ 1.”) were found in the text.")
        )
    return draft


def _paragraph_too_long_message() -> str:
    return _(
        "A paragraph of the draft is longer than %(count)s characters. Check that the file "
        "is the draft and that its paragraphs are separate."
    ) % {"count": f"{MAX_PARAGRAPH_CHARS:,}".replace(",", " ")}


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
# What a damaged or unusual archive raises while it is read (zlib: corrupt data; Runtime:
# encrypted; NotImplemented: an unknown compression).
ARCHIVE_ERRORS = (
    KeyError,
    ValueError,
    RuntimeError,
    NotImplementedError,
    EOFError,
    zlib.error,
    zipfile.BadZipFile,
)
# No DTDs, entities or network: a .docx has none. `huge_tree` lets a long text node be read
# (and refused by its length in _parse_lines) instead of failing with a parser error; the
# input is bounded by MAX_DOCX_UNPACKED.
XML_OPTIONS = {"resolve_entities": False, "load_dtd": False, "no_network": True, "huge_tree": True}
XML_PARSER = etree.XMLParser(**XML_OPTIONS)
RUN_TEXT = {f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}


def parse_docx(data: bytes) -> ParsedDraft:
    """Read a Word file's paragraphs in order; refuse anything that is not a .docx, and a
    .docx that would unpack to more than the bounds above (a "zip bomb")."""
    if len(data) > MAX_BYTES:
        raise DraftImportError(_("The file is larger than 10 MB."))
    unreadable = DraftImportError(
        _(
            "This is not a readable .docx file. Save the draft as “Word document (.docx)” "
            "or paste its text instead."
        )
    )
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise unreadable from error
    # The sizes are those the archive declares; zipfile never unpacks more than that.
    if len(entries) > MAX_DOCX_PARTS or sum(e.file_size for e in entries) > MAX_DOCX_UNPACKED:
        raise DraftImportError(
            _(
                "The .docx file unpacks to more than %(megabytes)s MB or %(parts)s parts, "
                "far more than a draft needs. Save the draft again as “Word document "
                "(.docx)” without embedded files, or paste its text."
            )
            % {"megabytes": MAX_DOCX_UNPACKED // (1024 * 1024), "parts": MAX_DOCX_PARTS}
        )
    try:
        with archive.open(_main_part(archive)) as part:
            return _parse_lines(_docx_lines(part))
    except (*ARCHIVE_ERRORS, etree.LxmlError) as error:
        raise unreadable from error


def _main_part(archive: zipfile.ZipFile) -> str:
    """The document part named in the package's relationships (usually word/document.xml)."""
    relationships = etree.fromstring(archive.read("_rels/.rels"), XML_PARSER)
    for relationship in relationships:
        if relationship.get("Type") == OFFICE_DOCUMENT:
            return relationship.get("Target", "").lstrip("/")
    raise KeyError("officeDocument")


def _docx_lines(part) -> Iterator[str]:
    """The text of each paragraph directly in the document's body, streamed: every element is
    dropped once read, so memory stays flat however long the document."""
    body = f"{W}body"
    for _event, element in etree.iterparse(part, events=("end",), **XML_OPTIONS):
        parent = element.getparent()
        if parent is None or parent.tag != body:
            continue
        if element.tag == f"{W}p":
            yield from _paragraph_text(element).split("\n")
        element.clear()
        while element.getprevious() is not None:
            del parent[0]


def _paragraph_text(paragraph) -> str:
    """As python-docx's `Paragraph.text`: the runs, also those inside hyperlinks."""
    pieces = []
    for child in paragraph:
        runs = child if child.tag == f"{W}hyperlink" else [child]
        for run in runs:
            if run.tag != f"{W}r":
                continue
            for item in run:
                if item.tag == f"{W}t":
                    pieces.append(item.text or "")
                elif item.tag in RUN_TEXT:
                    pieces.append(RUN_TEXT[item.tag])
    return "".join(pieces)


def parse_upload(name: str, data: bytes) -> ParsedDraft:
    """A file a coordinator uploaded: .docx, or plain text in UTF-8 or Windows-1250."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension == "docx":
        return parse_docx(data)
    if extension == "txt":
        if len(data) > MAX_BYTES:
            raise DraftImportError(_("The file is larger than 10 MB."))
        for encoding in ("utf-8-sig", "cp1250"):
            try:
                return parse_text(data.decode(encoding))
            except UnicodeDecodeError:
                continue
    raise DraftImportError(
        _(
            "Only .docx (Word) and .txt files can be imported. An older .doc, .odt or .pdf "
            "file: save it as .docx, or paste its text."
        )
    )
