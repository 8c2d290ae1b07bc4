from django.test import override_settings

from cms.checks import private_files_are_not_public, websocket_origins_are_restricted


@override_settings(ALLOWED_HOSTS=["*"])
def test_a_wildcard_host_is_an_error_because_websockets_trust_allowed_hosts():
    errors = websocket_origins_are_restricted(None)

    assert [error.id for error in errors] == ["cms.E001"]


@override_settings(ALLOWED_HOSTS=["konsultacje.nadrzecze.pl"])
def test_named_hosts_pass():
    assert websocket_origins_are_restricted(None) == []


@override_settings(
    MEDIA_ROOT="/srv/konsultacje/media", PRIVATE_MEDIA_ROOT="/srv/konsultacje/media/prywatne"
)
def test_private_files_inside_the_public_uploads_are_an_error():
    errors = private_files_are_not_public(None)

    assert [error.id for error in errors] == ["cms.E002"]


@override_settings(
    MEDIA_ROOT="/srv/konsultacje/media", PRIVATE_MEDIA_ROOT="/srv/konsultacje/private"
)
def test_private_files_beside_the_public_uploads_pass():
    assert private_files_are_not_public(None) == []
