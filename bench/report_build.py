"""Benchmark: the consultation report for thousands of remarks.

    .venv/bin/python bench/report_build.py [--remarks 2000] [--repeat 3]

Builds, in a throw-away SQLite file (or a throw-away database on DATABASE_URL when it
points at PostgreSQL), a closed consultation of 4 chapters × 10 paragraphs with N formal
remarks from every channel (online, paper, e-mail, ePUAP; some late, some with a formal
defect, some on the whole draft, some on a paragraph since removed), each answered by one
of N/5 positions, a table meeting of 8 tables with registrations, and publishes the report.

A published report is stored as its edition (consultations.models.ReportEdition) and served
as stored, so building happens once, at publication (and for a coordinator's preview). This
measures that building: the report's HTML (`report_build` + the article as stored) and its
PDF, each once to warm up and then `--repeat` times; then, as an anonymous reader, the
stored page (`…/raport/`) and PDF (`…/raport/pdf/`).

Prints one JSON line: {"remarks", "queries", "html_s", "pdf_s", "publish_s", "served_s", ...}:
`queries` is the number of SQL queries of building the report, `html_s` and `pdf_s` the
median times of building them in seconds, `publish_s` the time of the whole publication
(every file built once and stored), `served_s` the median times of the stored page and PDF.
Run it with --remarks 200 too: the queries stay the same.
Targets (issue 7): HTML under 1 s, PDF under 5 s for 2 000 remarks, queries constant.
"""

import argparse
import json
import random
import statistics
import time

from common import polish_text, throwaway_site  # bench/common.py

OUTCOMES = ["uwzgledniono", "czesciowo", "nie_uwzgledniono", "wyjasniono", "bez_rozpatrzenia"]
CHANNELS = ["online"] * 16 + ["papier"] * 2 + ["e-mail", "epuap"]


def build(remarks: int):
    """A closed consultation with `remarks` answered remarks and its report published."""
    from datetime import timedelta

    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone

    from cms.models import User
    from comments.models import Comment, Position
    from consultations.models import ConsultationIndexPage, ConsultationPage
    from consultations.services import version_publish
    from demo import gmina as demo
    from events.models import Registration, WorkshopPage, WorkshopTable
    from reporting.services import report_publish

    demo.build(discussion=False)
    rng = random.Random(2000)
    now = timezone.now()
    page = ConsultationPage(
        title="Program współpracy Gminy Nadrzecze z organizacjami pozarządowymi na 2028 rok",
        slug="program-wspolpracy-2028",
        subject="Projekt programu współpracy na rok 2028.",
        goal="Poznanie opinii organizacji.",
        addressees="ngo",
        forms=["komentarze", "formularz", "stoliki", "opinia_rdpp"],
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=2),
        responsible_unit="Biuro Dialogu Społecznego i Współpracy z NGO",
        contact_person="Marta Zielińska",
        contact_email="dialog@nadrzecze.example",
        draft=[
            (
                "chapter",
                {
                    "title": f"Rozdział {c + 1}. {polish_text(rng, 2, 5)}",
                    "paragraphs": [
                        (
                            "paragraph",
                            {"label": f"§ {c * 10 + p + 1}", "text": polish_text(rng, 20, 60)},
                        )
                        for p in range(10)
                    ],
                },
            )
            for c in range(4)
        ],
    )
    ConsultationIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    version_publish(page=page, label="projekt do konsultacji")
    page = ConsultationPage.objects.get(pk=page.pk)
    paragraphs = [p for chapter in page.chapters for p in chapter["paragraphs"]]

    meeting = WorkshopPage(
        title="Spotkanie stolikowe – program 2028",
        slug="spotkanie-stolikowe",
        starts_at=now - timedelta(days=20),
        ends_at=now - timedelta(days=20, hours=-3),
        registration_opens_at=now - timedelta(days=29),
        registration_closes_at=now - timedelta(days=21),
        tables=[
            WorkshopTable(
                name=f"Stolik {n + 1}",
                capacity=12,
                city_moderator_name="Marta Zielińska",
                city_moderator_affiliation="Biuro Dialogu Społecznego",
                ngo_moderator_name="Ewa Nowicka",
                ngo_moderator_affiliation="Centrum Wolontariatu Nadrzecze",
            )
            for n in range(8)
        ],
    )
    page.add_child(instance=meeting)
    meeting.save_revision().publish()

    people = User.objects.bulk_create(
        User(email=f"osoba{n}@example.org", first_name="Osoba", last_name=f"Testowa {n}")
        for n in range(300)
    )
    tables = list(meeting.tables.all())
    Registration.objects.bulk_create(
        Registration(
            workshop=meeting,
            table=tables[n % 8],
            user=person,
            status="potwierdzona" if n % 9 else "oczekujaca",
        )
        for n, person in enumerate(people[:90])
    )
    organisations = [f"Stowarzyszenie „{polish_text(rng, 1, 3)[:-1]}” nr {n}" for n in range(60)]
    positions = Position.objects.bulk_create(
        Position(page=page, outcome=rng.choice(OUTCOMES), justification=polish_text(rng, 10, 40))
        for _ in range(max(remarks // 5, 1))
    )
    content_type = ContentType.objects.get_for_model(ConsultationPage)
    with transaction.atomic():
        for n in range(remarks):
            author = rng.choice(people)
            place = rng.random()
            paragraph = (
                None
                if place < 0.1
                else {"id": "usuniety-paragraf", "label": "§ 41", "text": "Skreślony zapis."}
                if place < 0.13
                else rng.choice(paragraphs)
            )
            channel = rng.choice(CHANNELS)
            received = now - timedelta(days=2, minutes=rng.randint(-600, 40000))
            Comment(
                content_type=content_type,
                object_pk=str(page.pk),
                site_id=1,
                kind="uwaga",
                user=author if channel == "online" else None,
                user_name=f"{author.first_name} {author.last_name}",
                user_email=author.email,
                organisation_name=rng.choice(organisations) if rng.random() < 0.4 else "",
                comment="",
                submit_date=received,
                received_at=received,
                channel=channel,
                is_late=received > page.closes_at,
                formal_defect="brak podpisu osoby upoważnionej" if rng.random() < 0.02 else "",
                paragraph_id=paragraph["id"] if paragraph else "",
                paragraph_label=paragraph["label"] if paragraph else "",
                paragraph_text=paragraph["text"] if paragraph else "",
                fragment=paragraph["label"] if paragraph else "",
                current_wording=polish_text(rng, 5, 30) if rng.random() < 0.5 else "",
                proposed_wording=polish_text(rng, 10, 40),
                justification=polish_text(rng, 10, 60),
                position=positions[n % len(positions)],
            ).save()  # django-comments-xtd's thread fields, as for every real remark
    coordinator = User.objects.get(email="koordynator@nadrzecze.example")
    start = time.perf_counter()
    report_publish(page=page, by=coordinator)
    publish_s = time.perf_counter() - start
    return ConsultationPage.objects.get(pk=page.pk), publish_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--remarks", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with throwaway_site():
        run(args)


def run(args) -> None:
    from django.conf import settings
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from reporting.pdf import report_pdf
    from reporting.rendering import remarks_table_html
    from reporting.selectors import COLUMNS, report_build

    page, publish_s = build(args.remarks)
    client = Client(HTTP_HOST="localhost")
    html_url = f"{page.url}raport/"
    pdf_url = f"{page.url}raport/pdf/"

    def html():
        """What publication builds for the page: the report read and its article."""
        report = report_build(page=page)
        article = render_to_string(
            "reporting/report/article.html",
            {
                "page": page,
                "report": report,
                "columns": COLUMNS,
                "remarks_html": remarks_table_html(report),
            },
        )
        shown = article.count('<th scope="row">')
        if shown < args.remarks:
            raise RuntimeError(f"{shown} of {args.remarks} remarks shown")

    def pdf():
        report_pdf(report_build(page=page))

    def fetch(url, content_type):
        response = client.get(url)
        if response.status_code != 200 or content_type not in response["Content-Type"]:
            raise RuntimeError(f"{url} answered {response.status_code}")
        return response

    def median_seconds(function):
        """Median wall-clock seconds, and the median CPU seconds of this process (on a
        machine shared with other work the wall clock also counts the waiting)."""
        function()  # templates compiled and fonts loaded, like a running server
        times, cpu = [], []
        for _ in range(args.repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            function()
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        return statistics.median(times), times, statistics.median(cpu)

    # Counted at once: every request below empties the connection's query log.
    with translation.override(settings.LANGUAGE_CODE):
        with CaptureQueriesContext(connection) as captured:
            html()
        queries = len(captured)
        html_s, html_runs, html_cpu = median_seconds(html)
        pdf_s, pdf_runs, pdf_cpu = median_seconds(pdf)
        with CaptureQueriesContext(connection) as captured:
            pdf()
        pdf_queries = len(captured)
    served_html_s = median_seconds(lambda: fetch(html_url, "text/html"))[0]
    served_pdf_s = median_seconds(lambda: fetch(pdf_url, "application/pdf"))[0]

    print(
        json.dumps(
            {
                "remarks": args.remarks,
                "queries": queries,
                "html_s": round(html_s, 3),
                "pdf_s": round(pdf_s, 3),
                "pdf_queries": pdf_queries,
                "publish_s": round(publish_s, 3),
                "served_s": {"html": round(served_html_s, 3), "pdf": round(served_pdf_s, 3)},
                "cpu_s": {"html": round(html_cpu, 3), "pdf": round(pdf_cpu, 3)},
                "db": connection.vendor,
                "runs_s": {
                    "html": [round(t, 3) for t in html_runs],
                    "pdf": [round(t, 3) for t in pdf_runs],
                },
            }
        )
    )


if __name__ == "__main__":
    main()
