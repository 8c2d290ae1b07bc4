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
from comments.models import Comment, Kind, Outcome
from comments.services import comment_hide, comment_post, position_set, reaction_set

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
