"""Where production sends email: SMTP by EMAIL_URL, or an email API through django-anymail
when EMAIL_BACKEND names one (with its settings in ANYMAIL); one of them is required."""

import json

from tests.config.test_production_settings import _run

READ_EMAIL = """
import json
from django.conf import settings
print(json.dumps({"backend": settings.EMAIL_BACKEND, "anymail": settings.ANYMAIL}))
"""


def _email_settings(**env):
    return _run("-c", f"import django; django.setup(); {READ_EMAIL}", **env)


def test_smtp_comes_from_email_url():
    result = _email_settings()

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["backend"] == "django.core.mail.backends.smtp.EmailBackend"


def test_an_email_api_needs_no_email_url():
    result = _email_settings(
        EMAIL_URL="",
        EMAIL_BACKEND="anymail.backends.postmark.EmailBackend",
        ANYMAIL='{"POSTMARK_SERVER_TOKEN": "server-token"}',
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "backend": "anymail.backends.postmark.EmailBackend",
        "anymail": {"POSTMARK_SERVER_TOKEN": "server-token"},
    }


def test_without_smtp_or_an_email_api_production_does_not_start():
    result = _email_settings(EMAIL_URL="")

    assert result.returncode != 0
    assert "EMAIL_URL" in result.stderr
