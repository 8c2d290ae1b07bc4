"""Topic proposals for a table meeting: proposing, the coordinator's decisions, e-mail."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from cms.services import role_assign
from core.roles import COORDINATORS, MODERATORS
from events.models import ProposalStatus, TopicProposal, WorkshopPage, WorkshopTable
from events.proposals import (
    proposal_accept_as_table,
    proposal_create,
    proposal_decline,
    proposal_merge,
)
from tests.factories import UserFactory, workshop_page

pytestmark = pytest.mark.django_db

MODERATORS_OF_A_NEW_TABLE = {
    "city_moderator_name": "Katarzyna Dąbrowska",
    "city_moderator_affiliation": "Wydział Edukacji",
    "ngo_moderator_name": "Piotr Malinowski",
    "ngo_moderator_affiliation": "Fundacja Młodzi dla Nadrzecza",
}


@pytest.fixture
def meetings(db):
    """The meetings index under the site's root page: a small tree, faster than the demo."""
    from wagtail.models import Site

    from events.models import EventIndexPage

    index = EventIndexPage(title="Spotkania konsultacyjne", slug="spotkania")
    Site.objects.get(is_default_site=True).root_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def workshop(meetings):
    return workshop_page(tables=[("Kultura i dziedzictwo", 12), ("Seniorzy", 10)])


@pytest.fixture
def coordinator(db):
    user = UserFactory(first_name="Marta", last_name="Zielińska")
    role_assign(user=user, role=COORDINATORS)
    return user


@pytest.fixture
def proposal(workshop, resident):
    return proposal_create(
        workshop=workshop,
        user=resident,
        title="Przestrzeń dla młodzieży na osiedlach",
        description="Brakuje miejsc spotkań dla nastolatków na osiedlach.",
    )


def propose_url(workshop):
    return workshop.url + "zaproponuj-temat/"


def decide_url(workshop, proposal):
    return f"/admin/propozycje-tematow/{workshop.pk}/{proposal.pk}/"


def accept(proposal, by, **fields):
    return proposal_accept_as_table(
        proposal=proposal, by=by, capacity=12, **{**MODERATORS_OF_A_NEW_TABLE, **fields}
    )


# Proposing ----------------------------------------------------------------------------


def test_a_resident_proposes_a_topic_and_sees_it_waiting(client, workshop, resident):
    client.force_login(resident)

    response = client.post(
        propose_url(workshop),
        {
            "title": "  Przestrzeń dla   młodzieży na osiedlach ",
            "description": "Brakuje miejsc spotkań.",
        },
    )

    assert response.status_code == 302
    proposal = TopicProposal.objects.get(user=resident)
    assert proposal.title == "Przestrzeń dla młodzieży na osiedlach"
    html = client.get(workshop.url).content.decode()
    assert "Twoje propozycje" in html
    assert "Przestrzeń dla młodzieży na osiedlach" in html
    assert "Status: <strong>zgłoszona</strong>" in html


def test_someone_elses_proposal_is_not_shown(client, workshop, proposal):
    client.force_login(UserFactory())

    html = client.get(workshop.url).content.decode()

    assert "Przestrzeń dla młodzieży na osiedlach" not in html
    assert "Zaproponuj temat stolika" in html


def test_a_logged_out_visitor_is_asked_to_log_in(client, workshop):
    html = client.get(workshop.url).content.decode()
    assert "Zaloguj się, aby zaproponować temat." in html

    response = client.post(propose_url(workshop), {"title": "Młodzież"})

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/?next=")
    assert not TopicProposal.objects.exists()


def test_a_proposal_after_the_deadline_is_refused(client, meetings, resident):
    workshop = workshop_page(proposals_close_at=timezone.now() - timedelta(minutes=1))
    client.force_login(resident)

    response = client.post(
        propose_url(workshop), {"title": "Przestrzeń dla młodzieży na osiedlach"}
    )

    assert response.status_code == 400
    assert "Termin zgłaszania propozycji tematów minął." in response.content.decode()
    assert not TopicProposal.objects.exists()


def test_the_page_says_the_deadline_has_passed_instead_of_the_form(client, meetings, resident):
    workshop = workshop_page(proposals_close_at=timezone.now() - timedelta(minutes=1))
    client.force_login(resident)

    html = client.get(workshop.url).content.decode()

    assert "Termin zgłaszania propozycji tematów minął." in html
    assert "zaproponuj-temat/" not in html


def test_a_proposal_for_a_cancelled_meeting_is_refused(meetings, resident):
    workshop = workshop_page(cancelled=True)

    with pytest.raises(ValidationError, match="To spotkanie zostało odwołane"):
        proposal_create(workshop=workshop, user=resident, title="Młodzież")


def test_a_meeting_without_a_deadline_does_not_collect_proposals(client, meetings, resident):
    workshop = workshop_page(proposals_close_at=None)
    client.force_login(resident)

    with pytest.raises(ValidationError, match="Na to spotkanie nie zbieramy propozycji tematów."):
        proposal_create(workshop=workshop, user=resident, title="Młodzież")
    assert client.post(propose_url(workshop), {"title": "Młodzież"}).status_code == 400
    assert "Zaproponuj temat stolika" not in client.get(workshop.url).content.decode()


def test_the_same_person_may_not_propose_the_same_title_twice(workshop, resident, proposal):
    with pytest.raises(ValidationError, match="Ten temat został już przez Ciebie zaproponowany"):
        proposal_create(
            workshop=workshop, user=resident, title="PRZESTRZEŃ DLA MŁODZIEŻY  na osiedlach"
        )


def test_the_same_person_may_propose_several_different_topics(workshop, resident, proposal):
    proposal_create(workshop=workshop, user=resident, title="Klimat i zieleń osiedlowa")

    assert TopicProposal.objects.filter(user=resident).count() == 2


def test_another_person_may_propose_the_same_title(workshop, proposal):
    proposal_create(
        workshop=workshop, user=UserFactory(), title="Przestrzeń dla młodzieży na osiedlach"
    )

    assert TopicProposal.objects.count() == 2


def test_a_title_too_long_is_refused_next_to_its_field(client, workshop, resident):
    client.force_login(resident)

    response = client.post(propose_url(workshop), {"title": "Ż" * 201})

    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert not TopicProposal.objects.exists()


def test_a_title_too_short_is_refused(workshop, resident):
    with pytest.raises(ValidationError, match="co najmniej 3 znaków"):
        proposal_create(workshop=workshop, user=resident, title=" a ")


# Deciding -----------------------------------------------------------------------------


def test_accepting_creates_a_live_table_shown_on_the_public_page(workshop, proposal, coordinator):
    table = accept(proposal, coordinator, name="Młodzież w mieście")

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert proposal.table == table
    assert proposal.decided_by == coordinator
    html = Client().get(workshop.url).content.decode()
    assert "Młodzież w mieście" in html
    assert "Katarzyna Dąbrowska (Wydział Edukacji)" in html


def test_the_new_table_is_in_a_published_revision_so_a_later_publish_keeps_it(
    workshop, proposal, coordinator
):
    table = accept(proposal, coordinator)

    page = WorkshopPage.objects.get(pk=workshop.pk)
    assert page.live_revision == page.latest_revision
    assert not page.has_unpublished_changes
    page.get_latest_revision().publish(user=coordinator)  # as the editor's "Publish" does
    assert WorkshopTable.objects.filter(
        pk=table.pk, name="Przestrzeń dla młodzieży na osiedlach"
    ).exists()


def test_accepting_keeps_the_coordinators_unpublished_draft_with_the_new_table(
    workshop, proposal, coordinator
):
    draft = WorkshopPage.objects.get(pk=workshop.pk)
    draft.description = "Nowy opis, jeszcze nieopublikowany."
    draft.save_revision(user=coordinator)

    table = accept(proposal, coordinator)

    page = WorkshopPage.objects.get(pk=workshop.pk)
    assert page.has_unpublished_changes
    assert page.description != "Nowy opis, jeszcze nieopublikowany."
    latest = page.get_latest_revision_as_object()
    assert latest.description == "Nowy opis, jeszcze nieopublikowany."
    assert table.pk in [t.pk for t in latest.tables.all()]
    page.get_latest_revision().publish(user=coordinator)
    assert WorkshopTable.objects.filter(pk=table.pk).exists()


def test_a_new_table_needs_both_moderators(proposal, coordinator):
    with pytest.raises(ValidationError) as refused:
        accept(proposal, coordinator, ngo_moderator_name="")

    assert "ngo_moderator_name" in refused.value.message_dict
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.workshop.tables.count() == 2


def test_merging_links_the_proposal_to_a_table_of_the_same_meeting(
    client, workshop, proposal, resident, coordinator
):
    seniors = workshop.tables.get(name="Seniorzy")

    proposal_merge(proposal=proposal, table=seniors, by=coordinator, reason="Omówimy to razem.")

    client.force_login(resident)
    html = client.get(workshop.url).content.decode()
    assert "włączona do stolika" in html
    assert f'href="#stolik-{seniors.pk}"' in html
    assert "Omówimy to razem." in html


def test_merging_into_another_meetings_table_is_refused(workshop, proposal, coordinator):
    other = workshop_page(tables=[("Zdrowie", 5)])

    with pytest.raises(ValidationError, match="Ten stolik należy do innego spotkania"):
        proposal_merge(proposal=proposal, table=other.tables.get(), by=coordinator)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_declining_without_a_reason_is_refused(proposal, coordinator):
    with pytest.raises(ValidationError, match="Podaj powód odrzucenia"):
        proposal_decline(proposal=proposal, by=coordinator, reason="  ")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_the_proposer_sees_the_decline_and_its_reason(
    client, workshop, proposal, resident, coordinator
):
    proposal_decline(proposal=proposal, by=coordinator, reason="Temat jest już przy stoliku 1.")

    client.force_login(resident)
    html = client.get(workshop.url).content.decode()
    assert "Status: <strong>odrzucona</strong>" in html
    assert 'Uzasadnienie koordynatora: <span lang="pl">Temat jest już przy stoliku 1.' in html


def test_a_decided_proposal_cannot_be_decided_again(proposal, coordinator):
    proposal_decline(proposal=proposal, by=coordinator, reason="Poza zakresem programu.")

    with pytest.raises(ValidationError, match="już zdecydowano: odrzucona"):
        accept(proposal, coordinator)
    with pytest.raises(ValidationError, match="już zdecydowano"):
        proposal_decline(proposal=proposal, by=coordinator, reason="Jeszcze raz.")
    assert proposal.workshop.tables.count() == 2


def test_a_person_who_cannot_edit_the_page_cannot_decide(proposal, resident):
    with pytest.raises(PermissionDenied):
        proposal_decline(proposal=proposal, by=resident, reason="Nie.")


# E-mail -------------------------------------------------------------------------------


def test_accepting_emails_the_proposer_once_with_the_new_table(
    workshop, proposal, resident, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        accept(proposal, coordinator, name="Młodzież w mieście")

    assert [message.to for message in mailoutbox] == [[resident.email]]
    message = mailoutbox[0]
    assert (
        message.subject
        == "Twój temat będzie nowym stolikiem: Przestrzeń dla młodzieży na osiedlach"
    )
    assert "przy nowym stoliku „Młodzież w mieście” (liczba miejsc: 12)" in message.body
    assert f"{workshop.url}#propozycje" in message.body


def test_merging_emails_the_proposer_once_with_the_table(
    workshop, proposal, resident, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        proposal_merge(
            proposal=proposal, table=workshop.tables.get(name="Seniorzy"), by=coordinator
        )

    assert [message.to for message in mailoutbox] == [[resident.email]]
    assert "zostanie omówiona przy stoliku „Seniorzy”" in mailoutbox[0].body


def test_declining_emails_the_proposer_once_with_the_reason(
    proposal, resident, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        proposal_decline(proposal=proposal, by=coordinator, reason="Poza zakresem programu.")

    assert [message.to for message in mailoutbox] == [[resident.email]]
    message = mailoutbox[0]
    assert "została odrzucona" in message.body
    assert "Uzasadnienie koordynatora: Poza zakresem programu." in message.body
    assert "&" not in message.body  # plain text, nothing HTML-escaped


def test_a_refused_decision_sends_nothing(
    proposal, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        proposal_decline(proposal=proposal, by=coordinator, reason="")

    assert mailoutbox == []


# The coordinator's admin --------------------------------------------------------------


def test_the_admin_list_shows_waiting_proposals_first(client, workshop, resident, coordinator):
    first = proposal_create(workshop=workshop, user=resident, title="Sport w parkach")
    proposal_create(workshop=workshop, user=resident, title="Kluby seniora")
    proposal_decline(proposal=first, by=coordinator, reason="Jest już stolik sportowy.")
    client.force_login(coordinator)

    html = client.get(f"/admin/propozycje-tematow/{workshop.pk}/").content.decode()

    assert html.index("Kluby seniora") < html.index("Sport w parkach")
    assert "1 propozycja czeka na decyzję" in html
    overview = client.get("/admin/propozycje-tematow/").content.decode()
    assert workshop.title in overview


def test_the_workshop_page_in_the_admin_links_to_its_proposals(client, workshop, coordinator):
    client.force_login(coordinator)

    html = client.get(f"/admin/pages/{workshop.pk}/edit/").content.decode()

    assert f"/admin/propozycje-tematow/{workshop.pk}/" in html


def test_a_coordinator_accepts_through_the_admin(client, workshop, proposal, coordinator):
    client.force_login(coordinator)
    form = client.get(decide_url(workshop, proposal)).content.decode()
    assert 'value="Przestrzeń dla młodzieży na osiedlach"' in form  # the name, ready to edit

    response = client.post(
        decide_url(workshop, proposal),
        {
            "action": "przyjmij",
            "przyjmij-name": "Młodzież w mieście",
            "przyjmij-capacity": "14",
            **{f"przyjmij-{key}": value for key, value in MODERATORS_OF_A_NEW_TABLE.items()},
        },
    )

    assert response.status_code == 302
    table = WorkshopTable.objects.get(name="Młodzież w mieście")
    assert table.capacity == 14
    assert TopicProposal.objects.get().table == table


def test_declining_in_the_admin_without_a_reason_is_refused(
    client, workshop, proposal, coordinator
):
    client.force_login(coordinator)

    response = client.post(decide_url(workshop, proposal), {"action": "odrzuc"})

    assert response.status_code == 400
    assert TopicProposal.objects.get().status == ProposalStatus.SUBMITTED


def test_merging_in_the_admin_into_another_meetings_table_is_refused(
    client, workshop, proposal, coordinator
):
    other = workshop_page(tables=[("Zdrowie", 5)])
    client.force_login(coordinator)

    response = client.post(
        decide_url(workshop, proposal), {"action": "wlacz", "wlacz-table": other.tables.get().pk}
    )

    assert response.status_code == 400
    assert TopicProposal.objects.get().status == ProposalStatus.SUBMITTED


def test_a_person_without_edit_permission_gets_403(client, workshop, proposal):
    moderator = UserFactory(first_name="Tomasz", last_name="Lewandowski")
    role_assign(user=moderator, role=MODERATORS)  # in the admin, but no page permissions
    client.force_login(moderator)

    assert client.get(f"/admin/propozycje-tematow/{workshop.pk}/").status_code == 403
    response = client.post(
        decide_url(workshop, proposal), {"action": "odrzuc", "odrzuc-reason": "Nie."}
    )

    assert response.status_code == 403
    assert TopicProposal.objects.get().status == ProposalStatus.SUBMITTED


def test_a_proposal_of_another_meeting_posted_under_this_one_is_not_found(
    client, workshop, coordinator
):
    other = workshop_page(tables=[("Zdrowie", 5)])
    foreign = proposal_create(workshop=other, user=UserFactory(), title="Zdrowie psychiczne")
    client.force_login(coordinator)

    response = client.post(
        decide_url(workshop, foreign), {"action": "odrzuc", "odrzuc-reason": "Nie pasuje."}
    )

    assert response.status_code == 404
    assert TopicProposal.objects.get().status == ProposalStatus.SUBMITTED


def test_deciding_again_in_the_admin_is_refused_with_a_message(
    client, workshop, proposal, coordinator
):
    proposal_decline(proposal=proposal, by=coordinator, reason="Poza zakresem programu.")
    client.force_login(coordinator)

    response = client.post(
        decide_url(workshop, proposal),
        {"action": "wlacz", "wlacz-table": workshop.tables.first().pk},
    )

    assert response.status_code == 400
    assert "W sprawie tej propozycji już zdecydowano: odrzucona." in response.content.decode()
    assert TopicProposal.objects.get().status == ProposalStatus.DECLINED


def test_a_refused_proposal_comes_back_with_a_focusable_error_summary_at_the_form(
    client, workshop, resident
):
    client.force_login(resident)

    response = client.post(
        propose_url(workshop), {"title": "Ż" * 201, "description": "Świetlica dla młodzieży."}
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert 'tabindex="-1" data-error-summary id="bledy-propozycji"' in html
    assert f'action="{workshop.url}zaproponuj-temat/#bledy-propozycji"' in html
    assert "Świetlica dla młodzieży." in html
