import re


def link(message, path_part: str) -> str:
    """The site path of the first link in the plain-text body that contains `path_part`."""
    url = re.search(rf"https?://\S*{re.escape(path_part)}\S*/", message.body).group(0)
    return "/" + url.split("/", 3)[3]


def html_of(message) -> str:
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return html


def unsubscribe_path(message) -> str:
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    return "/" + url.split("/", 3)[3]
