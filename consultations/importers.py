"""Turn a draft written elsewhere (a .docx file, or pasted text) into chapters and paragraphs.

Recognised: "Rozdział 1" (optionally with its title on the same or the next line) starts a
chapter; "§ 3." starts a paragraph; inside a paragraph "2." starts a section (ust.) and
"4)" a point (pkt). Other lines continue the current unit. Nothing is saved here: the
result is shown to the coordinator as a preview first.
"""

import io
import re
import uuid
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

CHAPTER = re.compile(r"^Rozdział\s+([0-9]+|[IVXLC]+)\b\.?\s*(.*)$", re.IGNORECASE)
PARAGRAPH = re.compile(r"^§\s*(\d+[a-z]?)\.?\s*(.*)$")
SECTION = re.compile(r"^(\d+[a-z]?)\.\s+(.*)$")
POINT = re.compile(r"^(\d+[a-z]?)\)\s+(.*)$")
MAX_BYTES = 10 * 1024 * 1024


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
    draft = ParsedDraft()
    chapter = None
    paragraph_number = None
    section = None
    awaiting_title = False
    unit = None
    skipped = []

    def start_chapter(title):
        nonlocal chapter, paragraph_number, section, unit
        chapter = {"title": title, "paragraphs": []}
        draft.chapters.append(chapter)
        paragraph_number = section = unit = None

    def add_unit(label, body):
        nonlocal unit
        if chapter is None:
            start_chapter(pgettext("document", "Draft"))
        unit = {"label": label, "text": body}
        chapter["paragraphs"].append(unit)

    for raw_line in text.splitlines():
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
            unit["text"] = f"{unit['text']}\n{line}".strip()
        else:
            skipped.append(line)

    for chapter_ in draft.chapters:
        for paragraph in chapter_["paragraphs"]:
            if not paragraph["text"]:
                paragraph["text"] = "—"
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


def parse_docx(data: bytes) -> ParsedDraft:
    """Read a Word file's paragraphs in order; refuse anything that is not a .docx."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if len(data) > MAX_BYTES:
        raise DraftImportError(_("The file is larger than 10 MB."))
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise DraftImportError(
            _(
                "This is not a readable .docx file. Save the draft as “Word document (.docx)” "
                "or paste its text instead."
            )
        ) from error
    return parse_text("\n".join(paragraph.text for paragraph in document.paragraphs))


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
