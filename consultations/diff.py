"""Paragraph-level comparison of two public versions of a draft.

Paragraphs are matched by their stable identifier, so a paragraph that moved or was
renumbered is still "the same paragraph". Within a changed paragraph the words that
were removed and added are marked.
"""

import difflib
import re
from dataclasses import dataclass, field

ADDED, REMOVED, CHANGED, SAME = "added", "removed", "changed", "same"
WORDS = re.compile(r"\s+|[^\s]+")


@dataclass
class Segment:
    kind: str  # "same", "added" or "removed"
    text: str


@dataclass
class ParagraphChange:
    id: str
    status: str
    chapter: str
    old_label: str = ""
    new_label: str = ""
    segments: list[Segment] = field(default_factory=list)
    number: int = 0  # 1, 2, … for the changed units in document order; 0 when unchanged


def _paragraphs(chapters: list[dict]) -> list[tuple[str, dict]]:
    return [
        (chapter["title"], paragraph) for chapter in chapters for paragraph in chapter["paragraphs"]
    ]


def word_diff(old: str, new: str) -> list[Segment]:
    old_words, new_words = WORDS.findall(old), WORDS.findall(new)
    segments: list[Segment] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            segments.append(Segment("same", "".join(old_words[a1:a2])))
            continue
        if operation in ("delete", "replace"):
            segments.append(Segment("removed", "".join(old_words[a1:a2])))
        if operation in ("insert", "replace"):
            segments.append(Segment("added", "".join(new_words[b1:b2])))
    return segments


def compare(old_chapters: list[dict], new_chapters: list[dict]) -> list[ParagraphChange]:
    """Every paragraph of either version, in the new version's order; removed paragraphs
    stand where they stood, after the paragraph that preceded them. Changed units are
    numbered in that order, so a reader can jump from one change to the next."""
    old = _paragraphs(old_chapters)
    new = _paragraphs(new_chapters)
    old_by_id = {paragraph["id"]: (chapter, paragraph) for chapter, paragraph in old}
    new_ids = {paragraph["id"] for _chapter, paragraph in new}

    changes: list[ParagraphChange] = []
    for chapter, paragraph in new:
        previous = old_by_id.get(paragraph["id"])
        if previous is None:
            changes.append(
                ParagraphChange(
                    paragraph["id"],
                    ADDED,
                    chapter,
                    new_label=paragraph["label"],
                    segments=[Segment("added", paragraph["text"])],
                )
            )
            continue
        _old_chapter, old_paragraph = previous
        same_text = old_paragraph["text"] == paragraph["text"]
        same_label = old_paragraph["label"] == paragraph["label"]
        changes.append(
            ParagraphChange(
                paragraph["id"],
                SAME if same_text and same_label else CHANGED,
                chapter,
                old_label=old_paragraph["label"],
                new_label=paragraph["label"],
                segments=[Segment("same", paragraph["text"])]
                if same_text
                else word_diff(old_paragraph["text"], paragraph["text"]),
            )
        )
    # Removed paragraphs go after the nearest earlier paragraph that still exists.
    position = {change.id: index for index, change in enumerate(changes)}
    inserted = 0
    anchor = -1
    for chapter, paragraph in old:
        if paragraph["id"] in new_ids:
            anchor = position[paragraph["id"]] + inserted
            continue
        removed = ParagraphChange(
            paragraph["id"],
            REMOVED,
            chapter,
            old_label=paragraph["label"],
            segments=[Segment("removed", paragraph["text"])],
        )
        anchor += 1
        changes.insert(anchor, removed)
        inserted += 1
    number = 0
    for change in changes:
        if change.status != SAME:
            number += 1
            change.number = number
    return changes
