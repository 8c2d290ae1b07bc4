# ruff: noqa: E501  (demo text reads better unwrapped)
"""A realistic discussion of the open demo consultation, written by invented people.

Threads on the whole draft and on single paragraphs, replies three deep, formal remarks
(some already answered), an official answer of the city office and one comment a
moderator hid. Built through comments.services, like every real comment; the dates are
then spread over the days the consultation has been open.
"""

from datetime import timedelta

from django.test.utils import override_settings
from django.utils import timezone

from cms.services import account_create
from comments.models import Channel, Comment, Kind, Outcome
from comments.services import (
    comment_hide,
    comment_post,
    position_set,
    reaction_set,
    remark_enter,
)

PEOPLE = [
    ("Anna", "Kowalczyk"),
    ("Piotr", "Zieliński"),
    ("Katarzyna", "Wójcik"),
    ("Michał", "Kamiński"),
    ("Agnieszka", "Lewandowska"),
    ("Krzysztof", "Dąbrowski"),
    ("Magdalena", "Szymańska"),
    ("Tomasz", "Woźniak"),
    ("Joanna", "Kozłowska"),
    ("Paweł", "Jankowski"),
]

# (paragraph label or "", author index, text, replies as (author index, text, replies…))
THREADS = [
    (
        "",
        0,
        "Dobrze, że projekt jest dostępny z wyprzedzeniem. Czy będzie też wersja łatwa do czytania?",
        [
            (9, "Popieram, przyda się zwłaszcza seniorom.", []),
        ],
    ),
    (
        "§ 6 pkt 5",
        1,
        "Kluby seniora działają tylko w dwóch dzielnicach. Warto dopisać Zarzecze i Stare Miasto.",
        [
            (
                2,
                "Na Zarzeczu klub jest, ale bez stałego lokalu.",
                [
                    (
                        1,
                        "Właśnie o to chodzi – bez lokalu trudno planować zajęcia.",
                        [
                            (3, "Może szkoły udostępniłyby sale po południu?", []),
                        ],
                    ),
                ],
            ),
            (4, "Zgadzam się, seniorzy z Zarzecza dojeżdżają przez całe miasto.", []),
        ],
    ),
    (
        "§ 9",
        3,
        "Kwota na program jest niższa niż w zeszłym roku, choć zadań przybywa. Skąd ta różnica?",
        [
            (5, "W uzasadnieniu uchwały budżetowej nie ma o tym słowa.", []),
            (
                6,
                "Organizacje sportowe odczują to najbardziej.",
                [
                    (3, "I kulturalne – festiwal rzeczny nie zmieści się w tej kwocie.", []),
                ],
            ),
        ],
    ),
    (
        "§ 5 ust. 2",
        4,
        "Brakuje mowy o wkładzie własnym w postaci pracy wolontariuszy. To dla małych organizacji kluczowe.",
        [
            (7, "Tak, wycena pracy wolontariuszy powinna być wprost dopuszczona.", []),
        ],
    ),
    (
        "§ 12 ust. 1",
        5,
        "Czy przedstawiciele organizacji w komisjach konkursowych będą losowani, czy wskazywani?",
        [
            (8, "W zeszłym roku wskazywał prezydent – dobrze byłoby to zmienić.", []),
        ],
    ),
    (
        "§ 6 pkt 6",
        6,
        "Świetnie, że pojawiła się ekologia. Czy obejmuje też edukację w przedszkolach?",
        [],
    ),
    (
        "§ 3",
        7,
        "Zasada jawności powinna obejmować publikację wszystkich ocen ofert, nie tylko wyników.",
        [
            (0, "Tak, karty ocen powinny być jawne.", []),
        ],
    ),
    (
        "",
        8,
        "Proszę o spotkanie konsultacyjne także wieczorem – wiele osób pracuje do 17.",
        [
            (9, "Dołączam się do prośby.", []),
        ],
    ),
    (
        "§ 10",
        9,
        "Ocena realizacji programu opiera się tylko na liczbie konkursów. Proponuję dodać liczbę uczestników zadań.",
        [],
    ),
    (
        "§ 8",
        2,
        "Czy małe granty będą dostępne przez cały rok, czy tylko w pierwszym półroczu?",
        [
            (5, "W tym roku skończyły się już w maju.", []),
        ],
    ),
    (
        "§ 6 pkt 2",
        4,
        "Sport dzieci i młodzieży – warto dopisać zajęcia dla dzieci z niepełnosprawnościami.",
        [],
    ),
    (
        "§ 11",
        0,
        "Dobrze, że opisano przebieg konsultacji. Prośba o raport także w formacie dostępnym cyfrowo.",
        [],
    ),
    (
        "§ 1 ust. 2",
        3,
        "Definicja organizacji powinna wprost obejmować spółdzielnie socjalne.",
        [
            (8, "Zgodnie z art. 3 ust. 3 ustawy – tak, warto to zapisać.", []),
        ],
    ),
    (
        "§ 2 ust. 1",
        5,
        "Cel główny jest bardzo ogólny. Czy można dodać mierzalne cele na 2027 rok?",
        [
            (
                1,
                "Np. liczba organizacji korzystających z lokali miejskich.",
                [
                    (5, "Albo odsetek zadań realizowanych w trybie małych grantów.", []),
                ],
            ),
            (7, "Mierzalne cele ułatwią potem ocenę programu.", []),
        ],
    ),
    (
        "§ 4",
        6,
        "Zakres przedmiotowy pomija przeciwdziałanie wykluczeniu cyfrowemu.",
        [
            (2, "Dobre uzupełnienie – wiele osób starszych tego potrzebuje.", []),
        ],
    ),
    (
        "§ 5 ust. 1",
        8,
        "Proszę dopisać konsultowanie projektów aktów także z zespołami tematycznymi.",
        [
            (4, "Zespoły tematyczne działały dobrze przy programie rewitalizacji.", []),
            (
                0,
                "Zgoda, choć trzeba je najpierw reaktywować.",
                [
                    (8, "Może jeden zespół na sferę zadań?", []),
                ],
            ),
        ],
    ),
    (
        "§ 6 pkt 1",
        2,
        "Pomoc społeczna: warto dopisać wsparcie opiekunów osób zależnych.",
        [
            (6, "To bardzo ważne – opiekunowie są często pomijani.", []),
        ],
    ),
    (
        "§ 6 pkt 3",
        7,
        "Kultura: prośba o wsparcie dla amatorskich zespołów muzycznych.",
        [
            (9, "Chór parafialny też by skorzystał.", []),
            (3, "Może osobny mały konkurs na inicjatywy amatorskie?", []),
        ],
    ),
    (
        "§ 6 pkt 4",
        1,
        "Turystyka: szlak rowerowy wzdłuż rzeki mógłby być zadaniem wieloletnim.",
        [
            (5, "Popieram – jednoroczne dotacje nie wystarczą na taki projekt.", []),
        ],
    ),
    (
        "§ 7",
        4,
        "Program na jeden rok to mało. Może od razu wieloletni?",
        [
            (
                2,
                "Wieloletni jest zapowiedziany na lata 2028–2031.",
                [
                    (4, "Dziękuję, nie zauważyłam.", []),
                ],
            ),
        ],
    ),
    (
        "§ 13",
        9,
        "Kiedy program zostanie przedstawiony Radzie Miasta?",
        [
            (0, "Zwykle na sesji listopadowej.", []),
        ],
    ),
]

REMARKS = [
    (
        "§ 9",
        3,
        "Zwiększyć kwotę do 2 650 000 zł.",
        "Liczba zadań rośnie, a kwota maleje o 5%.",
        Outcome.PARTLY_ACCEPTED,
    ),
    (
        "§ 6 pkt 5",
        1,
        "Dodać: „kluby seniora we wszystkich dzielnicach, w tym na Zarzeczu i Starym Mieście”.",
        "Dwie dzielnice nie mają klubu seniora.",
        Outcome.ACCEPTED,
    ),
    (
        "§ 12 ust. 1",
        5,
        "Przedstawicieli organizacji w komisjach wyłaniać w drodze losowania spośród zgłoszonych kandydatów.",
        "Większa przejrzystość wyboru.",
        Outcome.REJECTED,
    ),
    (
        "§ 5 ust. 2",
        4,
        "Dopuścić wkład osobowy (praca wolontariuszy) jako wkład własny.",
        "Małe organizacje nie mają środków finansowych na wkład własny.",
        None,
    ),
    (
        "§ 10",
        9,
        "Dodać wskaźnik: liczba uczestników zadań publicznych.",
        "Liczba konkursów nie mówi nic o efektach.",
        None,
    ),
    (
        "",
        7,
        "Opublikować karty ocen ofert w BIP.",
        "Jawność oceny buduje zaufanie.",
        Outcome.EXPLAINED,
    ),
]


def seed_discussion(*, page, coordinator, moderator) -> None:
    """Idempotent: does nothing when the consultation already has comments."""
    if Comment.objects.on_page(page).exists():
        return
    people = [_person(first, last) for first, last in PEOPLE]
    labels = {}
    version = page.versions.order_by("-number").first()
    for chapter in version.chapters:
        for paragraph in chapter["paragraphs"]:
            labels[paragraph["label"]] = paragraph["id"]
    created = []
    with override_settings(COMMENT_RATE_LIMIT=(10**6, 1)):

        def post(author, text, *, parent=None, label="", **fields):
            comment = comment_post(
                page=page,
                user=people[author],
                text=text,
                parent=parent,
                paragraph_id=labels.get(label, "") if parent is None else "",
                **fields,
            )
            created.append(comment)
            return comment

        def replies(parent, items):
            for author, text, nested in items:
                replies(post(author, text, parent=parent), nested)

        for label, author, text, answers in THREADS:
            replies(post(author, text, label=label), answers)
        remarks = []
        for label, author, proposal, justification, outcome in REMARKS:
            remark = post(
                author,
                "",
                label=label,
                kind=Kind.REMARK,
                proposed_wording=proposal,
                justification=justification,
            )
            remarks.append((remark, outcome))
        created.append(
            comment_post(
                page=page,
                user=coordinator,
                text="Dziękujemy za uwagi. Wersja w języku łatwym do czytania (ETR) zostanie "
                "opublikowana razem z raportem z konsultacji.",
                parent=created[0],
                official=True,
            )
        )
        rude = post(
            6, "Urzędnicy i tak zrobią, co chcą, szkoda czasu na te konsultacje!!!", label="§ 9"
        )
        comment_hide(
            comment=rude,
            moderator=moderator,
            reason="wpis narusza zasady dyskusji (regulamin, pkt 3)",
        )
        for remark, outcome in remarks:
            if outcome:
                position_set(
                    remarks=[remark],
                    outcome=outcome,
                    justification=_JUSTIFICATIONS[outcome],
                    by=coordinator,
                    notify=False,  # no mail to invented people
                )
        for index, comment in enumerate(created[:20]):
            for voter in people[index % 4 : index % 4 + 3]:
                if voter.pk != comment.user_id:
                    reaction_set(comment=comment, user=voter, value=1 if index % 5 else -1)
    _spread_dates(page, created)


_JUSTIFICATIONS = {
    Outcome.ACCEPTED: "Uwagę uwzględniono: zapis rozszerzono o wszystkie dzielnice.",
    Outcome.PARTLY_ACCEPTED: "Kwotę zwiększono do 2 550 000 zł, na ile pozwala projekt budżetu.",
    Outcome.REJECTED: "Skład komisji określa zarządzenie prezydenta; losowanie nie daje "
    "gwarancji kompetencji w danej sferze.",
    Outcome.EXPLAINED: "Karty ocen są udostępniane na wniosek; od 2027 r. będą publikowane w BIP.",
}


def _person(first, last):
    from anyascii import anyascii

    from cms.models import User

    email = f"{anyascii(first).lower()}.{anyascii(last).lower()}@example.org"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = account_create(
            email=email,
            password=None,
            first_name=first,
            last_name=last,
            email_verified=True,
        )
    return user


def _spread_dates(page, comments) -> None:
    """From the opening day until an hour ago, in posting order."""
    start = page.opens_at + timedelta(hours=2)
    end = timezone.now() - timedelta(hours=1)
    step = (end - start) / max(len(comments), 1)
    for index, comment in enumerate(comments):
        moment = start + step * index
        Comment.objects.filter(pk=comment.pk).update(submit_date=moment, changed_at=moment)


# --- The closed 2026 consultation: remarks from every channel, answered, and its report -------

# (fragment, channel, author: index into PEOPLE or a name, organisation from the directory,
#  proposed wording, justification, answer key, days after opening received, formal defect)
ONLINE, PAPER, EMAIL, EPUAP, MEETING = (
    Channel.ONLINE,
    Channel.PAPER,
    Channel.EMAIL,
    Channel.EPUAP,
    Channel.MEETING,
)
REPORT_REMARKS = [
    (
        "§ 6 pkt 5",
        ONLINE,
        0,
        "",
        "Dopisać „wolontariat senioralny”.",
        "Seniorzy chcą pomagać innym seniorom.",
        "wolontariat",
        1,
        "",
    ),
    (
        "§ 6 pkt 5",
        PAPER,
        "Halina Mazur",
        "Stowarzyszenie Seniorów „Złota Jesień”",
        "Dopisać wolontariat senioralny i kluby seniora.",
        "Członkowie stowarzyszenia prowadzą już taki wolontariat.",
        "wolontariat",
        3,
        "",
    ),
    (
        "§ 9",
        ONLINE,
        1,
        "",
        "Podnieść kwotę do 14 mln zł.",
        "Potrzeby organizacji rosną szybciej niż środki.",
        "kwota",
        2,
        "",
    ),
    (
        "§ 9",
        EMAIL,
        "Robert Sikora",
        "Fundacja Rodzina w Centrum",
        "Podnieść kwotę do 14 mln zł.",
        "Rosną koszty prowadzenia placówek wsparcia dziennego.",
        "kwota",
        4,
        "",
    ),
    (
        "§ 9",
        EPUAP,
        "Beata Kwiatkowska",
        "",
        "Podnieść kwotę do 14 mln zł.",
        "Inflacja zjada dotacje.",
        "kwota",
        6,
        "",
    ),
    (
        "§ 5 ust. 2",
        ONLINE,
        2,
        "",
        "Bezpłatne sale w Centrum Organizacji także w weekendy.",
        "Wolontariusze pracują zawodowo w tygodniu.",
        "sale",
        2,
        "",
    ),
    (
        "§ 5 ust. 2",
        MEETING,
        "Zofia Grabowska",
        "Grupa Sąsiedzka „Osiedle Słoneczne”",
        "Udostępniać sale w soboty i niedziele.",
        "Spotkania sąsiedzkie odbywają się w weekendy.",
        "sale",
        5,
        "",
    ),
    (
        "§ 12 ust. 1",
        ONLINE,
        3,
        "",
        "Publikować imiona i nazwiska członków komisji konkursowych.",
        "Jawność pracy komisji.",
        "komisja",
        3,
        "",
    ),
    (
        "§ 12 ust. 1",
        EMAIL,
        "Marek Pawlak",
        "Fundacja Edukacji Obywatelskiej „Agora”",
        "Jawne nazwiska członków komisji przed rozstrzygnięciem konkursu.",
        "Oferenci powinni wiedzieć, kto ocenia.",
        "komisja",
        7,
        "",
    ),
    (
        "§ 12 ust. 2",
        ONLINE,
        4,
        "",
        "Dopuścić w komisjach przedstawicieli organizacji, które nie startują w konkursie.",
        "Unikanie konfliktu interesów.",
        "komisja-skład",
        4,
        "",
    ),
    (
        "§ 10",
        ONLINE,
        5,
        "",
        "Dodać wskaźnik: liczba uczestników zadań publicznych.",
        "Liczba konkursów nie mówi nic o efektach.",
        "wskaźniki",
        5,
        "",
    ),
    (
        "§ 10",
        ONLINE,
        6,
        "",
        "Dodać wskaźnik: liczba wolontariuszy zaangażowanych w zadania.",
        "Wolontariat jest miarą zaangażowania mieszkańców.",
        "wskaźniki",
        8,
        "",
    ),
    (
        "§ 10",
        PAPER,
        "Henryk Wojciechowski",
        "",
        "Ocenę programu przedstawiać na otwartym spotkaniu.",
        "Nie wszyscy czytają sprawozdania w BIP.",
        "ocena-spotkanie",
        9,
        "",
    ),
    (
        "§ 6 pkt 1",
        ONLINE,
        7,
        "",
        "Wpisać zajęcia sportowe dla dzieci z niepełnosprawnościami.",
        "Brakuje takich zajęć w dzielnicach.",
        "sport",
        2,
        "",
    ),
    (
        "§ 6 pkt 2",
        ONLINE,
        8,
        "",
        "Dodać priorytet: edukacja kulturalna w szkołach.",
        "Organizacje kultury mają doświadczenie w pracy z uczniami.",
        "kultura",
        6,
        "",
    ),
    (
        "§ 6 pkt 3",
        EMAIL,
        "Ewelina Nowak",
        "Centrum Wolontariatu Nadrzecze",
        "Dodać wsparcie szkoleń dla koordynatorów wolontariatu.",
        "Bez koordynatorów wolontariusze odchodzą.",
        "szkolenia",
        10,
        "",
    ),
    (
        "§ 6 pkt 4",
        ONLINE,
        9,
        "",
        "Dopisać pomoc osobom w kryzysie bezdomności w okresie zimowym.",
        "Zimą potrzeby rosną.",
        "bezdomnosc",
        7,
        "",
    ),
    (
        "§ 3",
        ONLINE,
        0,
        "",
        "Dodać zasadę jawności do katalogu zasad współpracy.",
        "Ustawa wymienia jawność wśród zasad.",
        "jawnosc",
        1,
        "",
    ),
    (
        "§ 4",
        ONLINE,
        1,
        "",
        "Rozszerzyć zakres o działania na rzecz klimatu.",
        "Rośnie liczba organizacji ekologicznych.",
        "klimat",
        9,
        "",
    ),
    (
        "§ 8",
        EPUAP,
        "Krystyna Baran",
        "Koło Gospodyń Wiejskich w Nadrzeczu-Łęgach",
        "Wprowadzić tryb małych grantów dla kół gospodyń.",
        "Konkursy są zbyt skomplikowane dla małych organizacji.",
        "male-granty",
        8,
        "",
    ),
    (
        "§ 8",
        ONLINE,
        2,
        "",
        "Zwiększyć limit małego grantu do 15 000 zł.",
        "Koszty wydarzeń rosną.",
        "male-granty-limit",
        10,
        "",
    ),
    (
        "§ 2 ust. 2",
        ONLINE,
        3,
        "",
        "Dodać cel: wzmacnianie organizacji młodzieżowych.",
        "Młodzież rzadko zakłada organizacje.",
        "mlodziez",
        11,
        "",
    ),
    (
        "§ 1 ust. 2",
        ONLINE,
        4,
        "",
        "Zdefiniować pojęcie „Centrum Organizacji Pozarządowych”.",
        "Pojęcie pojawia się w programie bez definicji.",
        "definicje",
        11,
        "",
    ),
    (
        "§ 11",
        ONLINE,
        5,
        "",
        "Opisać, jak uwzględniono wyniki spotkania stolikowego.",
        "Uczestnicy chcą wiedzieć, co stało się z ich propozycjami.",
        "przebieg",
        12,
        "",
    ),
    (
        "§ 13",
        MEETING,
        "Jerzy Kalinowski",
        "Młodzieżowy Klub Przygody „Kompas”",
        "Program przyjmować do końca października.",
        "Organizacje muszą planować rok z wyprzedzeniem.",
        "termin",
        5,
        "",
    ),
    (
        "",
        ONLINE,
        6,
        "",
        "Opublikować karty ocen ofert w BIP.",
        "Jawność oceny buduje zaufanie.",
        "karty",
        3,
        "",
    ),
    (
        "",
        ONLINE,
        7,
        "",
        "Przygotować wersję programu w tekście łatwym do czytania.",
        "Program powinien być zrozumiały dla wszystkich.",
        "etr",
        12,
        "",
    ),
    (
        "",
        PAPER,
        "Stanisław Duda",
        "",
        "Program jest zbyt ogólny, należy go napisać od nowa.",
        "Brak konkretnych zadań.",
        "bez-podpisu",
        6,
        "formularz bez podpisu i bez danych kontaktowych",
    ),
    (
        "",
        PAPER,
        "Irena Mróz",
        "Spółdzielnia Socjalna „Przy Rynku”",
        "Dodać klauzule społeczne w zamówieniach miasta.",
        "Spółdzielnie socjalne zatrudniają osoby wykluczone.",
        "po-terminie",
        16,
        "",
    ),
    (
        "§ 9",
        EMAIL,
        "Adam Czarnecki",
        "",
        "Podać kwoty na każdy priorytet osobno.",
        "Łatwiej ocenić, czy priorytety są realne.",
        "po-terminie-kwoty",
        15,
        "",
    ),
]

REPORT_ANSWERS = {
    "wolontariat": (Outcome.ACCEPTED, "Zapis § 6 pkt 5 poszerzono o wolontariat senioralny."),
    "kwota": (
        Outcome.REJECTED,
        "Wysokość środków wynika z projektu budżetu; propozycję przekazano do prac budżetowych.",
    ),
    "sale": (
        Outcome.PARTLY_ACCEPTED,
        "Sale będą dostępne w soboty; niedziele wymagają zmiany regulaminu Centrum.",
    ),
    "komisja": (Outcome.EXPLAINED, "Skład komisji jest publikowany wraz z wynikami konkursu."),
    "komisja-skład": (
        Outcome.ACCEPTED,
        "Dopisano, że w komisji nie zasiadają przedstawiciele organizacji biorących udział w konkursie.",
    ),
    "wskaźniki": (Outcome.ACCEPTED, "Dodano oba wskaźniki do § 10."),
    "ocena-spotkanie": (
        Outcome.PARTLY_ACCEPTED,
        "Sprawozdanie zostanie omówione na posiedzeniu Rady Działalności Pożytku Publicznego, które jest otwarte.",
    ),
    "sport": (Outcome.ACCEPTED, "Dopisano zajęcia sportowe dla dzieci z niepełnosprawnościami."),
    "kultura": (
        Outcome.REJECTED,
        "Edukacja kulturalna w szkołach jest zadaniem oświatowym gminy, finansowanym z innych środków.",
    ),
    "szkolenia": (Outcome.ACCEPTED, "Dodano szkolenia koordynatorów wolontariatu do § 6 pkt 3."),
    "bezdomnosc": (Outcome.ACCEPTED, "Dopisano pomoc w okresie zimowym."),
    "jawnosc": (
        Outcome.EXPLAINED,
        "Zasada jawności jest już wymieniona w § 3 obok zasad pomocniczości i suwerenności stron.",
    ),
    "klimat": (
        Outcome.PARTLY_ACCEPTED,
        "Edukację ekologiczną wpisano do priorytetów; zakres przedmiotowy wynika z art. 4 ustawy.",
    ),
    "male-granty": (Outcome.EXPLAINED, "Tryb małych grantów (art. 19a ustawy) jest opisany w § 8."),
    "male-granty-limit": (
        Outcome.REJECTED,
        "Limit 10 000 zł wynika z art. 19a ust. 1 ustawy i nie może zostać zwiększony uchwałą.",
    ),
    "mlodziez": (Outcome.ACCEPTED, "Dodano cel szczegółowy dotyczący organizacji młodzieżowych."),
    "definicje": (Outcome.ACCEPTED, "Definicję dodano w § 1 ust. 2."),
    "przebieg": (Outcome.ACCEPTED, "Opis przebiegu konsultacji uzupełniono o wyniki spotkania."),
    "termin": (
        Outcome.EXPLAINED,
        "Ustawa wymaga uchwalenia programu do 30 listopada; gmina planuje przyjmować go w październiku.",
    ),
    "karty": (Outcome.PARTLY_ACCEPTED, "Karty ocen będą publikowane w BIP od 2027 r."),
    "etr": (Outcome.ACCEPTED, "Wersja ETR zostanie opublikowana razem z programem."),
    "bez-podpisu": (
        Outcome.NOT_CONSIDERED,
        "Formularz nie został podpisany i nie zawiera danych pozwalających ustalić autora.",
    ),
    "po-terminie": (Outcome.NOT_CONSIDERED, "Uwaga wpłynęła po terminie konsultacji."),
    "po-terminie-kwoty": (Outcome.NOT_CONSIDERED, "Uwaga wpłynęła po terminie konsultacji."),
}


def seed_report(*, page, coordinator) -> None:
    """Idempotent: remarks from every channel on the closed consultation, the city's answer
    to each (identical remarks share one), and the published report."""
    from organisations.models import Organisation
    from reporting.services import report_publish

    if Comment.objects.on_page(page).exists():
        return
    people = [_person(first, last) for first, last in PEOPLE]
    version = page.versions.order_by("-number").first()
    labels = {p["label"]: p["id"] for chapter in version.chapters for p in chapter["paragraphs"]}
    organisations = {o.name: o for o in Organisation.objects.all()}
    answered: dict[str, list] = {}
    with override_settings(COMMENT_RATE_LIMIT=(10**6, 1)):
        for index, row in enumerate(REPORT_REMARKS):
            label, channel, author, organisation, proposal, reason, answer, day, defect = row
            moment = page.opens_at + timedelta(days=day, hours=9 + index % 8)
            if channel == ONLINE:
                remark = comment_post(
                    page=page,
                    user=people[author],
                    kind=Kind.REMARK,
                    paragraph_id=labels.get(label, ""),
                    proposed_wording=proposal,
                    justification=reason,
                    now=moment,
                )
            else:
                remark = remark_enter(
                    page=page,
                    by=coordinator,
                    channel=channel,
                    received_at=moment,
                    author_name=author,
                    organisation=organisations.get(organisation),
                    organisation_name=organisation,
                    paragraph_id=labels.get(label, ""),
                    proposed_wording=proposal,
                    justification=reason,
                    formal_defect=defect,
                )
            answered.setdefault(answer, []).append(remark)
    for answer, remarks in answered.items():
        outcome, justification = REPORT_ANSWERS[answer]
        position_set(
            remarks=remarks,
            outcome=outcome,
            justification=justification,
            by=coordinator,
            notify=False,  # no mail to invented people
        )
    report_publish(page=page, by=coordinator, now=page.closes_at + timedelta(days=21))
