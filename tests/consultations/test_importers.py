import io

import docx
import pytest

from consultations.importers import DraftImportError, parse_docx, parse_text

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
