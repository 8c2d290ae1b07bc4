"""Posting Wagtail's page editor the way the browser does, without a browser."""

from wagtail.test.utils.form_data import querydict_from_html


def page_editor_data(client, page, **changes):
    """The edit form of `page` as the editor would submit it unchanged, plus `changes`.

    The draft's StreamField inputs are built by the editor's JavaScript, so they are
    rebuilt here from the latest revision, ids included.
    """
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200, response.status_code
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    latest = page.get_latest_revision_as_object()
    if hasattr(latest, "chapters"):
        data.update(draft_form_data(latest.chapters))
    for key, value in changes.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    return data


def draft_form_data(chapters) -> dict:
    data = {"draft-count": str(len(chapters))}
    for c, chapter in enumerate(chapters):
        prefix = f"draft-{c}"
        data.update(
            {
                f"{prefix}-type": "chapter",
                f"{prefix}-id": chapter["id"],
                f"{prefix}-deleted": "",
                f"{prefix}-order": str(c),
                f"{prefix}-value-title": chapter["title"],
                f"{prefix}-value-paragraphs-count": str(len(chapter["paragraphs"])),
            }
        )
        for p, paragraph in enumerate(chapter["paragraphs"]):
            item = f"{prefix}-value-paragraphs-{p}"
            data.update(
                {
                    f"{item}-type": "paragraph",
                    f"{item}-id": paragraph["id"],
                    f"{item}-deleted": "",
                    f"{item}-order": str(p),
                    f"{item}-value-label": paragraph["label"],
                    f"{item}-value-text": paragraph["text"],
                }
            )
    return data
