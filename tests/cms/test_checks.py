from django.test import override_settings

from cms.checks import websocket_origins_are_restricted


@override_settings(ALLOWED_HOSTS=["*"])
def test_a_wildcard_host_is_an_error_because_websockets_trust_allowed_hosts():
    errors = websocket_origins_are_restricted(None)

    assert [error.id for error in errors] == ["cms.E001"]


@override_settings(ALLOWED_HOSTS=["konsultacje.nadrzecze.pl"])
def test_named_hosts_pass():
    assert websocket_origins_are_restricted(None) == []
