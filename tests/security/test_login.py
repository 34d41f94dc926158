"""Logging in: one lock-out for the staff page and the admin, Argon2, password rules and age."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from fazhi.core.models import LoginFailure, PasswordAge

pytestmark = pytest.mark.django_db

PASSWORD = "Correct-Horse-42"


@pytest.fixture
def superuser(settings):
    settings.FAZHI_LOGIN_MAX_FAILURES = 5
    return get_user_model().objects.create_superuser("root", password=PASSWORD)


def test_admin_login_is_locked_out_like_the_staff_login(client, superuser):
    for _ in range(5):
        response = client.post("/admin/login/", {"username": "root", "password": "wrong"})
        assert response.status_code == 200
    assert LoginFailure.objects.filter(username="root").count() == 5
    response = client.post("/admin/login/?next=/admin/", {"username": "root", "password": PASSWORD})
    assert response.status_code == 200  # the form again, not a redirect into the admin
    assert "锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The staff login page shares the same lock-out.
    response = client.post("/login/", {"username": "root", "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_failures_on_one_path_count_on_the_other(client, superuser):
    for _ in range(3):
        client.post("/login/", {"username": "root", "password": "wrong"})
    for _ in range(2):
        client.post("/admin/login/", {"username": "root", "password": "wrong"})
    assert authenticate(username="root", password=PASSWORD) is None


def test_success_clears_the_failures(client, superuser):
    client.post("/login/", {"username": "root", "password": "wrong"})
    assert client.post("/login/", {"username": "root", "password": PASSWORD}).status_code == 302
    assert not LoginFailure.objects.filter(username="root").exists()


def test_argon2_replaces_old_hashes_at_login_and_is_fast(settings):
    settings.PASSWORD_HASHERS = [
        "fazhi.core.auth.FazhiArgon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    from django.contrib.auth.hashers import make_password

    user = get_user_model().objects.create(
        username="old", password=make_password(PASSWORD, hasher="pbkdf2_sha256")
    )
    assert authenticate(username="old", password=PASSWORD) == user
    user.refresh_from_db()
    assert user.password.startswith("argon2")
    # CPU time, not wall time: the login's own cost, whatever else the machine is doing.
    started = time.process_time()
    assert authenticate(username="old", password=PASSWORD) == user
    assert time.process_time() - started < 0.3


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("short1A!", False),  # too short
        ("alllowercaseletters", False),  # one class
        ("lowercase-and-digits-12", True),  # three classes
        ("Upper-lower-2026", True),
        ("NoDigitsOrSymbolsHere", False),  # two classes
    ],
)
def test_password_rules(password, ok):
    if ok:
        validate_password(password)
    else:
        with pytest.raises(ValidationError):
            validate_password(password)


def test_expired_password_sends_every_page_to_the_change_form(client, settings, users):
    settings.FAZHI_PASSWORD_MAX_AGE_DAYS = 90
    user = users["leader"]
    user.set_password(PASSWORD)
    user.save()
    PasswordAge.objects.filter(user=user).update(changed_at=timezone.now() - dt.timedelta(days=91))
    assert (
        client.post("/login/", {"username": user.username, "password": PASSWORD}).status_code == 302
    )
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].endswith("/password/")
    new = "Another-Secret-77"
    response = client.post(
        "/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert PasswordAge.objects.get(user=user).changed_at > timezone.now() - dt.timedelta(minutes=1)
