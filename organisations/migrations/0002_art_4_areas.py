"""The areas of public tasks of art. 4 ust. 1 of the Act on public benefit activity.

As in the consolidated text Dz.U. 2024 poz. 1491 (../shared/domain.md §2.2). The Act is
amended often: a later change adds rows or sets `valid_to`, it never edits history.
"""

from django.db import migrations

AREAS = [
    ("1", "pomoc społeczna, w tym pomoc rodzinom i osobom w trudnej sytuacji życiowej oraz wyrównywanie szans tych rodzin i osób"),
    ("1a", "wspieranie rodziny i systemu pieczy zastępczej"),
    ("2", "integracja i reintegracja zawodowa i społeczna osób zagrożonych wykluczeniem społecznym"),
    ("3", "działalność charytatywna"),
    ("4", "podtrzymywanie i upowszechnianie tradycji narodowej, pielęgnowanie polskości oraz rozwój świadomości narodowej, obywatelskiej i kulturowej"),
    ("5", "działalność na rzecz mniejszości narodowych i etnicznych oraz języka regionalnego"),
    ("5a", "działalność na rzecz integracji cudzoziemców"),
    ("6", "ochrona i promocja zdrowia, w tym działalność lecznicza"),
    ("7", "działalność na rzecz osób niepełnosprawnych"),
    ("8", "promocja zatrudnienia i aktywizacji zawodowej osób pozostających bez pracy i zagrożonych zwolnieniem z pracy"),
    ("9", "działalność na rzecz równych praw kobiet i mężczyzn"),
    ("10", "działalność na rzecz osób w wieku emerytalnym"),
    ("11", "działalność wspomagająca rozwój gospodarczy, w tym rozwój przedsiębiorczości"),
    ("12", "działalność wspomagająca rozwój techniki, wynalazczości i innowacyjności oraz rozpowszechnianie i wdrażanie nowych rozwiązań technicznych w praktyce gospodarczej"),
    ("13", "działalność wspomagająca rozwój wspólnot i społeczności lokalnych"),
    ("14", "nauka, szkolnictwo wyższe, edukacja, oświata i wychowanie"),
    ("15", "działalność na rzecz dzieci i młodzieży, w tym wypoczynek dzieci i młodzieży"),
    ("16", "kultura, sztuka, ochrona dóbr kultury i dziedzictwa narodowego"),
    ("17", "wspieranie i upowszechnianie kultury fizycznej"),
    ("18", "ekologia i ochrona zwierząt oraz ochrona dziedzictwa przyrodniczego"),
    ("19", "turystyka i krajoznawstwo"),
    ("20", "porządek i bezpieczeństwo publiczne"),
    ("21", "obronność państwa i działalność Sił Zbrojnych Rzeczypospolitej Polskiej"),
    ("22", "upowszechnianie i ochrona wolności i praw człowieka oraz swobód obywatelskich, a także działania wspomagające rozwój demokracji"),
    ("22a", "udzielanie nieodpłatnej pomocy prawnej oraz zwiększanie świadomości prawnej społeczeństwa"),
    ("22b", "działalność na rzecz nieodpłatnego poradnictwa obywatelskiego"),
    ("23", "ratownictwo i ochrona ludności"),
    ("24", "pomoc ofiarom katastrof, klęsk żywiołowych, konfliktów zbrojnych i wojen w kraju i za granicą"),
    ("25", "upowszechnianie i ochrona praw konsumentów"),
    ("26", "działalność na rzecz integracji europejskiej oraz rozwijania kontaktów i współpracy między społeczeństwami"),
    ("27", "promocja i organizacja wolontariatu"),
    ("28", "pomoc Polonii i Polakom za granicą"),
    ("29", "działalność na rzecz kombatantów i osób represjonowanych"),
    ("30", "promocja Rzeczypospolitej Polskiej za granicą"),
    ("31", "działalność na rzecz rodziny, macierzyństwa, rodzicielstwa, upowszechniania i ochrony praw dziecka"),
    ("32", "przeciwdziałanie uzależnieniom i patologiom społecznym"),
    ("32a", "rewitalizacja"),
    ("33", "działalność na rzecz organizacji pozarządowych oraz podmiotów wymienionych w art. 3 ust. 3, w zakresie określonym w pkt 1–32a"),
]


def sort_key(number):
    digits = number.rstrip("abcdefghijklmnopqrstuvwxyz")
    letter = number[len(digits):]
    return int(digits) * 100 + (ord(letter) - ord("a") + 1 if letter else 0)


def load_areas(apps, schema_editor):
    PublicTaskArea = apps.get_model("organisations", "PublicTaskArea")
    for number, name in AREAS:
        PublicTaskArea.objects.update_or_create(
            number=number, defaults={"name": name, "sort_key": sort_key(number)}
        )


def unload_areas(apps, schema_editor):
    apps.get_model("organisations", "PublicTaskArea").objects.filter(
        number__in=[number for number, _name in AREAS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(load_areas, unload_areas)]
