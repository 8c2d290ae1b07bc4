"""The fictional gmina of ../shared/domain.md §4: Gmina Miasta Nadrzecze.

Everything is built through the paths people use: accounts through `account_create`,
pages added to the tree and published as revisions, as an editor would. Every step
looks its object up first, so running it again changes nothing. The people are invented.
"""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from cms.models import AccessibilityStatementPage, ContentPage, GminaSettings, HomePage, User
from cms.services import account_create, role_assign
from cms.sites import site_address, sync_wagtail_site
from comments.demo import seed_discussion, seed_report
from consultations.demo import seed_consultations
from consultations.models import ConsultationIndexPage, ConsultationPage
from consultations.workflow import approval_workflow_ensure
from core.roles import COORDINATORS, MODERATORS, PLENIPOTENTIARIES, ensure_roles
from events.demo import seed_workshop
from events.models import EventIndexPage
from organisations.demo import seed_organisations

DEMO_PASSWORD = "Nadrzecze-demo-2026"  # noqa: S105 - published in the README on purpose


@dataclass(frozen=True)
class DemoPerson:
    email: str
    first_name: str
    last_name: str
    role: str | None


DEMO_PEOPLE = [
    DemoPerson("koordynator@nadrzecze.example", "Marta", "Zielińska", COORDINATORS),
    DemoPerson("pelnomocnik@nadrzecze.example", "Anna", "Wiśniewska", PLENIPOTENTIARIES),
    DemoPerson("moderator@nadrzecze.example", "Tomasz", "Lewandowski", MODERATORS),
    DemoPerson("ewa.nowicka@example.org", "Ewa", "Nowicka", None),
    DemoPerson("jan.wroblewski@example.org", "Jan", "Wróblewski", None),
]

ACCESSIBILITY_STATEMENT = {
    "title": "Deklaracja dostępności",
    "entity_name": "Gmina Miasta Nadrzecze",
    "status": "czesciowo",
    "inaccessible_content": (
        "<ul><li>Część załączników do projektów uchwał (skany w formacie PDF) nie ma warstwy "
        "tekstowej. Na prośbę przesyłamy je w wersji dostępnej (DOCX lub odczytane na "
        "głos).</li>"
        "<li>Nagrania ze spotkań konsultacyjnych nie mają jeszcze audiodeskrypcji; każde ma "
        "napisy i zapis tekstowy.</li></ul>"
    ),
    "exemptions": (
        "<ul><li>Mapy obszarów objętych konsultacjami są wyłączone z obowiązku zapewnienia "
        "dostępności; ich opis tekstowy jest w treści każdego ogłoszenia.</li></ul>"
    ),
    "preparation_method": (
        "Deklarację sporządzono na podstawie samooceny przeprowadzonej przez podmiot "
        "publiczny: każda zmiana serwisu jest sprawdzana automatycznie narzędziem axe "
        "w prawdziwej przeglądarce, a raz w roku testujemy serwis klawiaturą i czytnikiem "
        "ekranu NVDA."
    ),
    "facilities": (
        "<ul><li>Link „Przejdź do treści głównej” na początku każdej strony.</li>"
        "<li>Serwis działa przy powiększeniu do 200% i na ekranach o szerokości 320 "
        "pikseli.</li>"
        "<li>Można korzystać ze standardowych skrótów klawiaturowych przeglądarki.</li></ul>"
    ),
    "contact_person": "Katarzyna Mazur",
    "contact_email": "dostepnosc@nadrzecze.example",
    "contact_phone": "+48 12 345 67 10",
    "architectural_accessibility": (
        "<h3>Urząd Miasta Nadrzecza, ul. Rynek 1</h3>"
        "<ul><li>Do budynku prowadzi wejście od ul. Rynek z pochylnią; drzwi otwierają się "
        "automatycznie.</li>"
        "<li>Na wszystkie piętra, także do sali sesyjnej, można dojechać windą.</li>"
        "<li>Toaleta dostosowana do potrzeb osób z niepełnosprawnościami jest na parterze.</li>"
        "<li>Dwa miejsca parkingowe dla osób z niepełnosprawnościami są przy wejściu.</li>"
        "<li>W biurze obsługi mieszkańców i w sali sesyjnej działa pętla indukcyjna.</li>"
        "<li>Do budynku można wejść z psem asystującym i psem przewodnikiem.</li>"
        "<li>Tłumacza polskiego języka migowego zapewniamy po zgłoszeniu co najmniej 3 dni "
        "robocze przed wizytą.</li></ul>"
    ),
    "mobile_apps": "<p>Gmina Miasta Nadrzecze nie udostępnia aplikacji mobilnych.</p>",
}

PRIVACY_BODY = """
<h2>Administrator danych</h2>
<p>Administratorem Pani/Pana danych osobowych jest Prezydent Miasta Nadrzecza, Urząd Miasta
Nadrzecza, ul. Rynek 1, 12-345 Nadrzecze.</p>
<h2>Inspektor ochrony danych</h2>
<p>Z inspektorem ochrony danych można się skontaktować pod adresem
<a href="mailto:iod@nadrzecze.example">iod@nadrzecze.example</a>.</p>
<h2>Cele i podstawy przetwarzania</h2>
<p>Dane przetwarzamy w celu przeprowadzenia konsultacji (art. 6 ust. 1 lit. e RODO w związku
z ustawą o działalności pożytku publicznego i o wolontariacie oraz uchwałą Rady Miasta w sprawie
konsultacji). Powiadomienia e-mail wysyłamy na podstawie zgody (art. 6 ust. 1 lit. a RODO).</p>
<h2>Publikacja w raporcie</h2>
<p>Uwagi zgłoszone w konsultacjach publikujemy w raporcie z konsultacji wraz z nazwą organizacji,
w imieniu której je zgłoszono.</p>
<h2>Okres przechowywania</h2>
<p>Dane przechowujemy przez okres wynikający z przepisów o archiwizacji dokumentów.</p>
<h2>Prawa</h2>
<p>Przysługuje Pani/Panu prawo dostępu do danych, ich sprostowania, ograniczenia przetwarzania,
sprzeciwu oraz skargi do Prezesa Urzędu Ochrony Danych Osobowych. Dane nie są przekazywane poza
Europejski Obszar Gospodarczy i nie służą do zautomatyzowanego podejmowania decyzji.</p>
"""

DISCUSSION_RULES_BODY = """
<p>Dyskusja pod projektami służy temu, by mieszkańcy i organizacje mogli wspólnie ulepszyć
konsultowane dokumenty. Żeby była rzeczowa i bezpieczna dla wszystkich, obowiązują w niej
poniższe zasady. Krytyka projektu i pracy urzędu jest w niej mile widziana.</p>
<h2>Zasady</h2>
<ol>
<li>Piszesz pod własnym imieniem i nazwiskiem albo w imieniu organizacji, którą reprezentujesz.
Nie podszywasz się pod inne osoby, urzędników ani organizacje.</li>
<li>Szanujesz innych uczestników: bez wyzwisk, obraźliwych określeń, gróźb, nawoływania do
nienawiści i treści dyskryminujących kogokolwiek.</li>
<li>Piszesz na temat konsultowanego projektu. Wpisy bez związku z nim (ogólne opinie o urzędzie,
polityce lub innych sprawach) ukrywamy; takie sprawy można zgłosić na adres
konsultacje@nadrzecze.example.</li>
<li>Nie publikujesz reklam, ogłoszeń handlowych, agitacji wyborczej ani linków do nich.</li>
<li>Nie podajesz danych osobowych innych osób (adresów, numerów telefonów, numerów PESEL,
informacji o zdrowiu), także swoich, jeśli nie są potrzebne do sprawy.</li>
<li>Nie wklejasz wielokrotnie tego samego wpisu i nie zalewasz dyskusji wpisami.</li>
<li>Nie publikujesz treści naruszających prawo ani cudzych praw autorskich.</li>
</ol>
<h2>Co robią moderatorzy</h2>
<p>Dyskusję moderują pracownicy Biura Dialogu Społecznego Urzędu Miasta Nadrzecza. Moderator
nie ocenia poglądów: ukrywa wyłącznie wpisy, które naruszają powyższe zasady.</p>
<ul>
<li>Ukryty wpis nie znika bez śladu: w jego miejscu widać informację „Ukryty przez moderatora”
z powodem i numerem punktu regulaminu. Odpowiedzi innych osób pozostają widoczne.</li>
<li>Wpis zgłoszony przez kilka osób jest ukrywany automatycznie do czasu, gdy moderator go
przejrzy; moderator przywraca go, jeśli nie narusza zasad.</li>
<li>Po powtarzających się naruszeniach moderator może zablokować możliwość komentowania.
Osoba zablokowana widzi powód przy formularzu dyskusji; to, co już napisała, pozostaje.</li>
<li>Każda decyzja moderatora jest zapisywana w dzienniku moderacji wraz z powodem, datą
i nazwiskiem moderatora.</li>
</ul>
<p>Ukrycie wpisu nie odbiera prawa do udziału w konsultacjach: uwagę do projektu można zgłosić
ponownie, w sposób zgodny z regulaminem, albo złożyć ją pisemnie w urzędzie.</p>
<h2>Odwołanie</h2>
<p>Jeśli uważasz, że Twój wpis ukryto lub Twoje konto zablokowano niesłusznie, napisz na adres
<a href="mailto:konsultacje@nadrzecze.example">konsultacje@nadrzecze.example</a> w ciągu 14 dni
od decyzji, podając link do wpisu. Odwołanie rozpatruje koordynator konsultacji, a nie
moderator, który podjął decyzję, w ciągu 7 dni roboczych. Odpowiedź z uzasadnieniem wysyłamy
e-mailem; przywrócony wpis wraca na swoje miejsce w dyskusji.</p>
"""


def _publish(page: Page, user: User | None) -> None:
    page.save_revision(user=user, log_action=True).publish(user=user)


def _child(parent: Page, page_type, *, slug: str, user: User | None, **fields):
    existing = page_type.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = page_type(slug=slug, **fields)
    parent.add_child(instance=page)
    _publish(page, user)
    return page


def seed_people() -> dict[str, User]:
    people = {}
    for person in DEMO_PEOPLE:
        user = User.objects.filter(email=person.email).first()
        if user is None:
            user = account_create(
                email=person.email,
                password=DEMO_PASSWORD,
                first_name=person.first_name,
                last_name=person.last_name,
                email_verified=True,
            )
        if person.role:
            role_assign(user=user, role=person.role)
        people[person.email] = user
    return people


def _tree_root() -> Page:
    """Wagtail's root node; created (with the default locale) if the tree is empty."""
    root = Page.get_first_root_node()
    if root is None:
        locale, _ = Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


def seed_home_page(editor: User) -> HomePage:
    site = Site.objects.filter(is_default_site=True).first()
    root = _tree_root()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title="Konsultacje w Nadrzeczu",
            slug="konsultacje-nadrzecze",
            intro=(
                "<p>Tu miasto konsultuje z mieszkańcami i organizacjami pozarządowymi projekty "
                "uchwał, przede wszystkim roczny <b>Program współpracy z organizacjami "
                "pozarządowymi</b>. Przeczytaj projekt, zgłoś uwagę do konkretnego paragrafu "
                "i zapisz się na spotkanie stolikowe.</p>"
            ),
        )
        root.add_child(instance=home)
        _publish(home, editor)
    if site is None:
        hostname, port = site_address()
        site = Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.save()
        # Wagtail's placeholder "Welcome to your new Wagtail site!" page is not ours.
        if old_root.specific_class is Page and old_root.get_children_count() == 0:
            old_root.delete()
    site.site_name = "Konsultacje – Nadrzecze"
    site.save()
    sync_wagtail_site()  # the demo answers at SITE_URL: its links and e-mails lead there
    return home


def seed_gmina_settings(
    site: Site, *, accessibility: Page, privacy: Page, discussion_rules: Page | None = None
) -> GminaSettings:
    gmina = GminaSettings.for_site(site)
    gmina.name = "Gmina Miasta Nadrzecze"
    gmina.office_name = "Urząd Miasta Nadrzecza"
    gmina.address = "ul. Rynek 1\n12-345 Nadrzecze"
    gmina.email = "konsultacje@nadrzecze.example"
    gmina.phone = "+48 12 345 67 00"
    gmina.bip_url = "https://bip.nadrzecze.example/"
    gmina.data_controller = (
        "Prezydent Miasta Nadrzecza, Urząd Miasta Nadrzecza, ul. Rynek 1, 12-345 Nadrzecze"
    )
    gmina.minimum_duration_days = 7
    gmina.report_deadline_days = 30
    gmina.consultation_resolution = (
        "Uchwała Nr XII/140/11 Rady Miasta Nadrzecza z dnia 24 marca 2011 r. w sprawie "
        "szczegółowego sposobu konsultowania z Radą Działalności Pożytku Publicznego lub "
        "organizacjami pozarządowymi i podmiotami wymienionymi w art. 3 ust. 3 ustawy "
        "o działalności pożytku publicznego i o wolontariacie projektów aktów prawa miejscowego"
    )
    gmina.consultation_resolution_url = "https://bip.nadrzecze.example/uchwaly/XII-140-11"
    gmina.accessibility_statement_page = accessibility
    gmina.privacy_page = privacy
    gmina.discussion_rules_page = discussion_rules
    gmina.save()
    return gmina


def seed_accessibility_statement(home: HomePage, editor: User) -> AccessibilityStatementPage:
    """The statutory statement, complete; a plain content page seeded by an earlier demo at
    the same address is replaced."""
    old = ContentPage.objects.child_of(home).filter(slug="deklaracja-dostepnosci").first()
    if old is not None:
        old.delete()
    today = timezone.localdate()
    return _child(
        home,
        AccessibilityStatementPage,
        slug="deklaracja-dostepnosci",
        user=editor,
        published_on=today - timedelta(days=60),
        updated_on=today - timedelta(days=10),
        prepared_on=today - timedelta(days=10),
        **ACCESSIBILITY_STATEMENT,
    )


def build(*, discussion: bool = True) -> None:
    """The whole demo gmina; `discussion=False` leaves out what the invented people did —
    the demo comments and the table meeting with its registrations — so tests that count
    comments or meetings start from none (and the `demo_site` fixture stays quick).

    Nobody is e-mailed: the people are invented. Messages are sent after the transaction
    commits (registration confirmations, replies), so the dummy backend stays in place
    until the commit is over."""
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        _build(discussion=discussion)


@transaction.atomic
def _build(*, discussion: bool) -> None:
    _tree_root()
    ensure_roles()
    people = seed_people()
    coordinator = people["koordynator@nadrzecze.example"]
    home = seed_home_page(coordinator)
    consultation_index = _child(
        home,
        ConsultationIndexPage,
        slug="konsultacje",
        user=coordinator,
        title="Konsultacje",
        intro=(
            "Projekty aktów prawa miejscowego konsultowane z organizacjami pozarządowymi "
            "i mieszkańcami Nadrzecza."
        ),
    )
    _child(
        home,
        EventIndexPage,
        slug="spotkania",
        user=coordinator,
        title="Spotkania konsultacyjne",
        intro="Spotkania stolikowe i otwarte spotkania konsultacyjne z zapisami.",
    )
    accessibility = seed_accessibility_statement(home, coordinator)
    privacy = _child(
        home,
        ContentPage,
        slug="ochrona-danych",
        user=coordinator,
        title="Ochrona danych osobowych (RODO)",
        intro="Klauzula informacyjna o przetwarzaniu danych osobowych w serwisie konsultacji.",
        body=PRIVACY_BODY,
    )
    discussion_rules = _child(
        home,
        ContentPage,
        slug="regulamin-dyskusji",
        user=coordinator,
        title="Regulamin dyskusji",
        intro=(
            "Zasady komentowania projektów w serwisie Konsultacje Nadrzecze: co publikujemy, "
            "jakie wpisy ukrywają moderatorzy i jak odwołać się od ich decyzji."
        ),
        body=DISCUSSION_RULES_BODY,
    )
    seed_gmina_settings(
        home.get_site(),
        accessibility=accessibility,
        privacy=privacy,
        discussion_rules=discussion_rules,
    )
    approval_workflow_ensure()
    seed_consultations(
        index=consultation_index,
        coordinator=coordinator,
        plenipotentiary=people["pelnomocnik@nadrzecze.example"],
        child=_child,
    )
    seed_organisations(
        coordinator=coordinator,
        residents=[people["ewa.nowicka@example.org"], people["jan.wroblewski@example.org"]],
    )
    if discussion:
        seed_workshop(
            consultation=ConsultationPage.objects.get(slug="program-wspolpracy-2027"),
            coordinator=coordinator,
            publisher=people["pelnomocnik@nadrzecze.example"],
            child=_child,
        )
        seed_discussion(
            page=ConsultationPage.objects.get(slug="program-wspolpracy-2027"),
            coordinator=coordinator,
            moderator=people["moderator@nadrzecze.example"],
        )
        seed_report(
            page=ConsultationPage.objects.get(slug="program-wspolpracy-2026"),
            coordinator=coordinator,
        )
    DjangoSite.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": urlsplit(settings.SITE_URL).netloc, "name": "Konsultacje Nadrzecze"},
    )
