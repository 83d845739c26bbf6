"""Production defaults (issue 12): the profile switch, the secret key, `check --deploy`, the
Content-Security-Policy, password validators, the admin login's lockout and failure log (django-axes)
and its optional TOTP (django-otp).

Settings are read once per process, so the profiles are tried in `paragraf` subprocesses; the login
goes over HTTP through the whole middleware stack (Django's test client, the suite's database).
"""
from __future__ import annotations

import logging
import os
import re
import secrets
import subprocess
import sys

import pytest
from click.testing import CliRunner
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from paragraf.cli import main

PASSWORD = "korrekt-hast-batteri-häftklammer"


def paragraf(tmp_path, *args: str, **environ: str | None) -> subprocess.CompletedProcess:
    """`python -m paragraf ARGS` with the settings module the command uses by default and no profile,
    key or DEBUG from the suite's environment; `environ` adds (a value) or leaves out (None) variables."""
    env = {name: value for name, value in os.environ.items() if name not in {"PARAGRAF_PROFILE", "SECRET_KEY", "DEBUG"}}
    env.update(DJANGO_SETTINGS_MODULE="paragraf.site.settings", PARAGRAF_DATA=str(tmp_path),
               DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    for name, value in environ.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run([sys.executable, "-m", "paragraf", *args], env=env, capture_output=True, text=True, timeout=120)


def production_key() -> str:
    return secrets.token_urlsafe(50)


# ---------------------------------------------------------------- the profiles and the secret key


def test_production_without_secret_key_refuses_to_start_and_says_how_to_set_it(tmp_path):
    for profile in (None, "production"):  # production is what you get with DEBUG off
        run = paragraf(tmp_path, "serve", "--port", "1", PARAGRAF_PROFILE=profile)
        assert run.returncode != 0
        assert "SECRET_KEY is not set" in run.stderr and "SECRET_KEY=" in run.stderr, run.stderr
        assert "PARAGRAF_PROFILE=development" in run.stderr and "Traceback" not in run.stderr, run.stderr
        assert not (tmp_path / "secret_key").exists()


def test_production_refuses_debug(tmp_path):
    run = paragraf(tmp_path, "manage", "check", PARAGRAF_PROFILE="production", SECRET_KEY=production_key(), DEBUG="1")
    assert run.returncode != 0 and "DEBUG is on in the production profile" in run.stderr, run.stderr


def test_check_deploy_in_production_gives_no_warnings(tmp_path):
    run = paragraf(tmp_path, "manage", "check", "--deploy", PARAGRAF_PROFILE="production", SECRET_KEY=production_key())
    assert run.returncode == 0, run.stderr
    output = run.stdout + run.stderr
    assert "System check identified no issues" in output, output
    assert "WARNINGS" not in output and "System check identified some issues" not in output, output


def settings_of(tmp_path, **environ) -> dict[str, str]:
    """The settings that differ from Django's defaults, as `paragraf manage diffsettings` prints them."""
    run = paragraf(tmp_path, "manage", "diffsettings", **environ)
    assert run.returncode == 0, run.stderr
    return dict(re.findall(r"^(\w+) = (.*?)(?:  ###)?$", run.stdout, re.M))


def test_https_settings_are_on_in_production_off_in_development_and_each_can_be_set(tmp_path):
    production = settings_of(tmp_path, PARAGRAF_PROFILE="production", SECRET_KEY=production_key())
    assert production["SECURE_SSL_REDIRECT"] == "True"
    assert production["SECURE_HSTS_SECONDS"] == "31536000"
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] == production["SECURE_HSTS_PRELOAD"] == "True"
    assert production["SESSION_COOKIE_SECURE"] == production["CSRF_COOKIE_SECURE"] == "True"
    assert production["SECURE_PROXY_SSL_HEADER"] == "('HTTP_X_FORWARDED_PROTO', 'https')"
    development = settings_of(tmp_path, PARAGRAF_PROFILE="development")
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
                 "SECURE_PROXY_SSL_HEADER"):
        assert name not in development, f"{name} = {development[name]} in development"  # Django's default
    tuned = settings_of(tmp_path, PARAGRAF_PROFILE="production", SECRET_KEY=production_key(), SECURE_HSTS_SECONDS="3600",
                        SECURE_HSTS_PRELOAD="0", SECURE_PROXY_SSL_HEADER="", AXES_FAILURE_LIMIT="3",
                        AXES_COOLOFF_MINUTES="0")
    assert tuned["SECURE_HSTS_SECONDS"] == "3600" and "SECURE_HSTS_PRELOAD" not in tuned
    assert "SECURE_PROXY_SSL_HEADER" not in tuned
    assert tuned["AXES_FAILURE_LIMIT"] == "3" and tuned["AXES_COOLOFF_TIME"] == "None"


def test_development_makes_one_key_per_data_directory(tmp_path):
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    first = paragraf(tmp_path, "manage", "shell", "-v", "0", "-c", code, PARAGRAF_PROFILE="development")
    again = paragraf(tmp_path, "manage", "shell", "-v", "0", "-c", code, PARAGRAF_PROFILE="development")
    assert first.returncode == 0, first.stderr
    key = (tmp_path / "secret_key").read_text().strip()
    assert len(key) >= 50 and first.stdout.strip() == again.stdout.strip() == key
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    other = tmp_path / "other"
    elsewhere = paragraf(other, "manage", "shell", "-v", "0", "-c", code, PARAGRAF_PROFILE="development")
    assert elsewhere.stdout.strip() != key


# ---------------------------------------------------------------- Content-Security-Policy, passwords


@pytest.mark.django_db
def test_pages_and_admin_carry_a_content_security_policy_without_inline_code(client, admin_client):
    for response in (client.get("/"), client.get("/regionstyrelsen/2023-01-31/14/"), admin_client.get("/admin/")):
        assert response.status_code == 200
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "<script>" not in response.content.decode() and " style=" not in response.content.decode()


def test_a_one_letter_password_is_refused():
    with pytest.raises(ValidationError) as refused:
        validate_password("a")
    codes = {error.code for error in refused.value.error_list}
    assert {"password_too_short", "password_too_common"} <= codes
    validate_password(PASSWORD)


@pytest.mark.django_db
def test_the_admin_refuses_a_one_letter_password_for_a_new_user(admin_client, django_user_model):
    response = admin_client.post("/admin/auth/user/add/", {
        "username": "ny-handlaggare", "usable_password": "true", "password1": "a", "password2": "a"})
    assert response.status_code == 200
    assert not django_user_model.objects.filter(username="ny-handlaggare").exists()
    assert "för kort" in response.content.decode()


# ---------------------------------------------------------------- the admin login: lockout and failure log


def log_in(client, username: str, password: str, **fields: str):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password, **fields})


@pytest.mark.django_db
def test_admin_login_locks_out_after_the_failure_limit_and_logs_each_failure(client, django_user_model, settings, caplog):
    from axes.models import AccessFailureLog

    django_user_model.objects.create_superuser("sekreterare", password=PASSWORD)
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5  # the default of AXES_FAILURE_LIMIT

    # Wrong passwords below the limit are answered with the form; the right one then still logs in.
    for _ in range(limit - 1):
        response = log_in(client, "sekreterare", "fel-lösenord")
        assert response.status_code == 200 and "lösenord för ett personalkonto" in response.content.decode()
    response = log_in(client, "sekreterare", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    client.logout()

    # A correct login forgot those failures: the lockout comes after `limit` new ones in a row.
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="axes"):
        for attempt in range(1, limit + 1):
            response = log_in(client, "sekreterare", "fel-lösenord")
            assert response.status_code == (429 if attempt == limit else 200), attempt
    page = response.content.decode()
    assert "För många misslyckade inloggningar" in page
    assert f"Efter {limit} misslyckade inloggningar" in page and "15 minuter" in page
    failures = [r.getMessage() for r in caplog.records if "login failure by" in r.getMessage()]
    assert len(failures) == limit and all('username: "sekreterare"' in f and "127.0.0.1" in f for f in failures)
    assert any(r.getMessage().startswith("AXES: Locking out") for r in caplog.records)
    assert AccessFailureLog.objects.filter(username="sekreterare").count() == 2 * limit - 1

    # Locked out, even the right password is refused, and the admin stays closed.
    response = log_in(client, "sekreterare", PASSWORD)
    assert response.status_code == 429
    assert client.get("/admin/").status_code == 302
    # Another user name from the same address is not locked out.
    django_user_model.objects.create_superuser("registrator", password=PASSWORD)
    assert log_in(client, "registrator", PASSWORD).status_code == 302


# ---------------------------------------------------------------- TOTP for staff (PARAGRAF_ADMIN_TOTP)


@pytest.mark.django_db
def test_with_totp_on_staff_log_in_with_a_code_of_the_device_paragraf_totp_made(client, django_user_model, settings):
    settings.PARAGRAF_ADMIN_TOTP = True
    django_user_model.objects.create_superuser("sekreterare", password=PASSWORD)

    # Without a device the password alone does not open the admin.
    response = log_in(client, "sekreterare", PASSWORD)
    assert response.status_code == 200 and "Ange koden från din autentiseringsapp" in response.content.decode()
    assert "Kod från autentiseringsappen" in response.content.decode()

    made = CliRunner().invoke(main, ["totp", "sekreterare", "--name", "telefon"])
    assert made.exit_code == 0, made.output
    device = TOTPDevice.objects.get(user__username="sekreterare")
    assert device.name == "telefon" and device.confirmed
    assert device.config_url in made.output and "issuer=Paragraf" in device.config_url

    wrong = (totp(device.bin_key) + 1) % 1_000_000
    response = log_in(client, "sekreterare", PASSWORD, otp_token=f"{wrong:06d}")
    assert response.status_code == 200 and "Fel kod" in response.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # the failure above makes django-otp wait before the next try
    response = log_in(client, "sekreterare", PASSWORD, otp_token=f"{totp(device.bin_key):06d}")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_with_totp_on_a_session_without_a_verified_device_is_not_let_in(client, django_user_model, settings):
    staff = django_user_model.objects.create_superuser("sekreterare", password=PASSWORD)
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200
    settings.PARAGRAF_ADMIN_TOTP = True
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_paragraf_totp_names_a_missing_user_and_replaces_devices_on_request(django_user_model):
    missing = CliRunner().invoke(main, ["totp", "ingen-sadan"])
    assert missing.exit_code == 1 and "no user 'ingen-sadan'" in missing.output
    django_user_model.objects.create_user("sekreterare", password=PASSWORD, is_staff=True)
    for _ in range(2):
        assert CliRunner().invoke(main, ["totp", "sekreterare"]).exit_code == 0
    assert TOTPDevice.objects.filter(user__username="sekreterare").count() == 2
    assert CliRunner().invoke(main, ["totp", "sekreterare", "--replace"]).exit_code == 0
    assert TOTPDevice.objects.filter(user__username="sekreterare").count() == 1
