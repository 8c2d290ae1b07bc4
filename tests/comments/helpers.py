from wagtail.test.utils.form_data import querydict_from_html


def form_data(client, url, **changes):
    """The comment form as the page renders it for this client, with `changes` typed in."""
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="comment-form")
    for key, value in changes.items():
        data[key] = value
    return data


def post_comment(client, page, query="", **changes):
    data = form_data(client, page.url + query, **changes)
    return client.post(page.url + "dyskusja/dodaj/", data)
