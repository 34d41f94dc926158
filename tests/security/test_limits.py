"""Rate limits count per real client, behind a proxy too; browser policy headers."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from fazhi.core.security import client_address

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()
    yield
    cache.clear()


def test_forwarded_header_is_ignored_unless_the_peer_is_a_trusted_proxy(settings):
    settings.FAZHI_TRUSTED_PROXIES = []
    meta = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}
    assert client_address(meta) == "203.0.113.9"
    settings.FAZHI_TRUSTED_PROXIES = ["10.0.0.0/8"]
    meta = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.7"}
    # The client may forge the left part; the right-most untrusted hop is who reached the proxy.
    assert client_address(meta) == "198.51.100.7"
    meta = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.7, 10.0.0.5"}
    assert client_address(meta) == "198.51.100.7"


def _apply(client, **meta):
    return client.post("/api/reconsideration/apply/", {}, content_type="application/json", **meta)


def test_varying_x_forwarded_for_does_not_bypass_the_public_form_limit(client, settings):
    settings.FAZHI_TRUSTED_PROXIES = []
    statuses = [_apply(client, HTTP_X_FORWARDED_FOR=f"192.0.2.{i}").status_code for i in range(15)]
    assert 429 in statuses
    assert statuses.index(429) == 10  # the 11th request of the hour, whatever the header said


def test_behind_the_proxy_each_citizen_has_their_own_bucket(client, settings):
    settings.FAZHI_TRUSTED_PROXIES = ["127.0.0.1"]
    for _ in range(10):
        assert _apply(client, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 400
    assert _apply(client, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    # Another citizen behind the same proxy is not blocked by the first one.
    assert _apply(client, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 400


def test_security_headers(client):
    response = client.get("/portal/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert "onchange=" not in response.content.decode()
