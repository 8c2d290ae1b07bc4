from allauth.account.adapter import DefaultAccountAdapter

# allauth's own adapter counts log-in attempts through this module; the public
# allauth.core.ratelimit.consume() returns a bool and could not be rolled back after a
# successful log-in. Pinned with django-allauth <66 in pyproject.toml.
from allauth.core.internal import ratelimit
from django.conf import settings
from django.utils.translation import gettext_lazy as _

# ACCOUNT_RATE_LIMITS key of the ceiling on failed log-ins for one account from anywhere.
LOGIN_FAILED_ACCOUNT = "login_failed_account"


class AccountAdapter(DefaultAccountAdapter):
    """allauth with messages that tell people what happened and what to do next."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed log-in attempts for this account from your connection. For your "
            "safety, logging in to it from here is locked for 15 minutes. If you have "
            "forgotten your password, reset it."
        ),
        "too_many_login_attempts_account": _(
            "Too many failed log-in attempts for this account from many places. For your "
            "safety, logging in to it is paused for up to an hour. If you have forgotten "
            "your password, reset it: that lifts the pause."
        ),
    }

    def send_mail(self, template_prefix, email, context):
        """allauth builds its links (confirm, reset, sign up) on the host of the request;
        every link in our e-mails starts at SITE_URL, whatever host the request came by."""
        context = {
            key: _on_site(value) if key.endswith("_url") and isinstance(value, str) else value
            for key, value in context.items()
        }
        super().send_mail(template_prefix, email, context)

    def pre_authenticate(self, request, **credentials):
        """Count the attempt per account *and* IP address, per IP address, and per account.

        allauth counts failures per account alone, so five wrong passwords from anybody
        locked the owner out (issue 18). Here a stranger's wrong passwords lock only the
        stranger's own address out of that account (`login_failed`: 5 in 15 minutes per
        account and address, 20 a minute per address). Guessing from many addresses still
        meets a ceiling per account (`login_failed_account`) that is high enough that
        locking somebody out takes a botnet rather than a minute's typing. A successful
        log-in takes its attempt back (DefaultAccountAdapter.authenticate).
        """
        account = self._get_login_attempts_cache_key(request, **credentials)
        pair = ratelimit.consume(
            request,
            app="allauth.account",
            action="login_failed",
            key=f"{account}:{ratelimit.get_ip(request)}",
        )
        if not pair:
            raise self.validation_error("too_many_login_attempts")
        everywhere = ratelimit.consume(
            request, app="allauth.account", action=LOGIN_FAILED_ACCOUNT, key=account
        )
        if not everywhere:
            pair.rollback()
            raise self.validation_error("too_many_login_attempts_account")
        self._login_failed_rl_usage = ratelimit.RateLimitUsage(
            usage=[*pair.usage, *everywhere.usage]
        )

    def _delete_login_attempts_cached_email(self, request, **credentials):
        """After a password reset: forget the failures counted for the owner's address and
        the account's ceiling (allauth calls this only then). Other addresses stay locked."""
        account = self._get_login_attempts_cache_key(request, **credentials)
        ratelimit.clear(
            request,
            app="allauth.account",
            action="login_failed",
            key=f"{account}:{ratelimit.get_ip(request)}",
        )
        ratelimit.clear(request, app="allauth.account", action=LOGIN_FAILED_ACCOUNT, key=account)


def _on_site(url: str) -> str:
    """An absolute address moved onto SITE_URL (same path, query and fragment)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if not (parts.scheme and parts.netloc):
        return url
    return settings.SITE_URL + url[len(f"{parts.scheme}://{parts.netloc}") :]
