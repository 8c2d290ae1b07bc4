import io

import docx
import pytest

from consultations import importers
from consultations.importers import DraftImportError, parse_docx, parse_text
from tests.consultations.word_files import paragraph, word_archive

PROGRAMME = """Program współpracy Gminy Miasta Nadrzecze na rok 2028

Rozdział 1
Postanowienia ogólne
§ 1. 1. Program określa cele i formy współpracy.
2. Ilekroć w programie jest mowa o:
1) ustawie – rozumie się ustawę o działalności pożytku publicznego;
2) radzie – rozumie się Radę Działalności Pożytku Publicznego.
Rozdział 2. Cele programu
§ 2. Celem głównym programu jest budowanie partnerstwa
miasta i organizacji.
"""


def labels(draft):
    return [(c["title"], [p["label"] for p in c["paragraphs"]]) for c in draft.chapters]


def test_plain_text_becomes_chapters_and_numbered_units():
    draft = parse_text(PROGRAMME)

    assert labels(draft) == [
        (
            "Rozdział 1. Postanowienia ogólne",
            ["§ 1 ust. 1", "§ 1 ust. 2", "§ 1 ust. 2 pkt 1", "§ 1 ust. 2 pkt 2"],
        ),
        ("Rozdział 2. Cele programu", ["§ 2"]),
    ]
    assert draft.chapters[1]["paragraphs"][0]["text"] == (
        "Celem głównym programu jest budowanie partnerstwa\nmiasta i organizacji."
    )
    assert draft.warnings[0].startswith("Pominięto tekst przed pierwszym rozdziałem")
    assert "Program współpracy Gminy Miasta Nadrzecze" in draft.warnings[0]


def test_a_real_docx_made_here_is_read_in_order():
    document = docx.Document()
    for line in PROGRAMME.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)

    draft = parse_docx(buffer.getvalue())

    assert labels(draft) == labels(parse_text(PROGRAMME))


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7 not a word file", b"PK\x03\x04broken zip", "Rozdział 1".encode("cp1250")],
    ids=["pdf", "broken-zip", "plain-bytes"],
)
def test_a_corrupt_or_foreign_file_gets_a_polish_error(data):
    with pytest.raises(DraftImportError, match="docx"):
        parse_docx(data)


def test_text_without_chapters_or_paragraphs_is_refused():
    with pytest.raises(DraftImportError, match="Rozdział 1"):
        parse_text("Zwykły list do urzędu.\nBez paragrafów.")


# Hostile files (issue 18): a .docx is a zip archive, small to upload, costly to unpack.

GOOD_START = [paragraph("Rozdział 1. Postanowienia ogólne"), paragraph("§ 1. Program.")]


def test_a_real_draft_written_by_hand_is_read_through_the_package_relationships():
    draft = parse_docx(word_archive([*GOOD_START, paragraph("2. Druga część.")]))

    assert labels(draft) == [("Rozdział 1. Postanowienia ogólne", ["§ 1", "§ 1 ust. 2"])]


def test_a_docx_that_unpacks_to_more_than_the_bound_is_refused_before_reading():
    zeros = bytes(40 * 1024 * 1024)  # 40 MB that pack to ~40 KB
    bomb = word_archive(GOOD_START, {"word/media/obraz.bin": zeros})
    assert len(bomb) < 100 * 1024

    with pytest.raises(DraftImportError, match="rozpakowuje się do ponad 30 MB"):
        parse_docx(bomb)


def test_a_docx_of_thousands_of_parts_is_refused():
    parts = {f"customXml/item{number}.xml": b"<a/>" for number in range(1001)}

    with pytest.raises(DraftImportError, match="1000 części"):
        parse_docx(word_archive(GOOD_START, parts))


def test_reading_stops_at_the_line_bound_instead_of_reading_every_paragraph(monkeypatch):
    monkeypatch.setattr(importers, "MAX_LINES", 100)
    read, stream = [], importers._docx_lines

    def counted(part):
        for line in stream(part):
            read.append(line)
            yield line

    monkeypatch.setattr(importers, "_docx_lines", counted)
    continuation = [paragraph("dalszy ciąg tego samego paragrafu")] * 1000

    with pytest.raises(DraftImportError, match="ponad 100 wierszy"):
        parse_docx(word_archive([*GOOD_START, *continuation]))
    assert len(read) == 101


def test_one_huge_text_node_is_refused_with_a_message_not_a_parser_error():
    huge = word_archive([*GOOD_START, paragraph("a" * 12 * 1024 * 1024)])
    assert len(huge) < 50 * 1024

    with pytest.raises(DraftImportError, match="Paragraf projektu jest dłuższy niż 20 000 znaków"):
        parse_docx(huge)


def test_a_paragraph_grown_from_many_lines_is_refused_at_the_character_bound(monkeypatch):
    monkeypatch.setattr(importers, "MAX_PARAGRAPH_CHARS", 1000)
    text = "§ 1. Program.\n" + "dalszy ciąg tego samego paragrafu\n" * 100

    with pytest.raises(DraftImportError, match="dłuższy niż 1 000 znaków"):
        parse_text(text)


def test_pasted_text_longer_than_the_whole_draft_bound_is_refused(monkeypatch):
    monkeypatch.setattr(importers, "MAX_TEXT_CHARS", 1000)

    with pytest.raises(
        DraftImportError, match="dłuższy niż 1 000 znaków; zaimportuj go w częściach"
    ):
        parse_text("§ 1. Program.\n" + "Krótki wiersz.\n" * 100)
