"""The site shell of the demo gmina: the home page, the Wagtail and Django sites, the gmina's
settings and the pages every public site must have (accessibility statement, RODO notice,
discussion rules). Their texts are in `data/`."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page, Site

from cms.models import AccessibilityStatementPage, ContentPage, GminaSettings, HomePage, User
from cms.sites import site_address, sync_wagtail_site
from demo.data import load_json, load_text
from demo.pages import child, publish, tree_root


def seed_home_page(editor: User) -> HomePage:
    site = Site.objects.filter(is_default_site=True).first()
    root = tree_root()
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
        publish(home, editor)
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
    """The statutory statement, complete (`data/deklaracja-dostepnosci.json`); a plain
    content page seeded by an earlier demo at the same address is replaced."""
    old = ContentPage.objects.child_of(home).filter(slug="deklaracja-dostepnosci").first()
    if old is not None:
        old.delete()
    today = timezone.localdate()
    return child(
        home,
        AccessibilityStatementPage,
        slug="deklaracja-dostepnosci",
        user=editor,
        published_on=today - timedelta(days=60),
        updated_on=today - timedelta(days=10),
        prepared_on=today - timedelta(days=10),
        **load_json("deklaracja-dostepnosci.json"),
    )


def seed_privacy_notice(home: HomePage, editor: User) -> ContentPage:
    """The RODO notice (`data/ochrona-danych.html`)."""
    return child(
        home,
        ContentPage,
        slug="ochrona-danych",
        user=editor,
        title="Ochrona danych osobowych (RODO)",
        intro="Klauzula informacyjna o przetwarzaniu danych osobowych w serwisie konsultacji.",
        body=load_text("ochrona-danych.html"),
    )


def seed_discussion_rules(home: HomePage, editor: User) -> ContentPage:
    """The discussion rules (`data/regulamin-dyskusji.html`)."""
    return child(
        home,
        ContentPage,
        slug="regulamin-dyskusji",
        user=editor,
        title="Regulamin dyskusji",
        intro=(
            "Zasady komentowania projektów w serwisie Konsultacje Nadrzecze: co publikujemy, "
            "jakie wpisy ukrywają moderatorzy i jak odwołać się od ich decyzji."
        ),
        body=load_text("regulamin-dyskusji.html"),
    )
