"""Residents sign up and sign in with a phone number or an email address and a password."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext

from lms.accounts.services import (
    RegistrationRefused,
    learner_register,
    login_parse,
    phone_normalise,
)
from lms.models import Learner

pytestmark = pytest.mark.django_db
PASSWORD = "hoc-vu-so-2026"


@pytest.mark.parametrize("spelling", ["0912345678", "0912 345 678", "0912.345.678", "+84912345678", "+84 912-345-678", "84912345678", "(091) 234 5678"])
def test_common_spellings_of_a_mobile_number_normalise_to_one(spelling):
    assert phone_normalise(spelling) == "+84912345678"


@pytest.mark.parametrize("not_a_phone", ["12345", "0112345678", "091234567", "09123456789", "+1 202 555 0100", "abc"])
def test_numbers_that_are_not_vietnamese_phone_numbers_are_refused(not_a_phone):
    assert phone_normalise(not_a_phone) is None


def test_a_landline_with_its_area_code_is_a_phone_number():
    assert phone_normalise("024 3825 1234") == "+842438251234"


def test_emails_are_compared_case_insensitively():
    assert login_parse(" Lan.Tran@Example.ORG ") == ("email", "lan.tran@example.org")


def test_sign_up_with_a_phone_number_creates_a_resident_learner():
    user = learner_register(full_name="  Trần   Thị Lan ", login="0912 345 678", password=PASSWORD)

    learner = Learner.objects.get(user=user)
    assert (learner.kind, learner.full_name, learner.phone) == (Learner.Kind.RESIDENT, "Trần Thị Lan", "+84912345678")
    assert user.check_password(PASSWORD) and user.email == ""


def test_sign_up_with_an_email_keeps_it_on_the_user():
    user = learner_register(full_name="Nguyễn Văn Minh", login="Minh@Example.org", password=PASSWORD)

    assert user.email == "minh@example.org"
    assert Learner.objects.get(user=user).phone is None


@pytest.mark.parametrize(("first", "second"), [("0912345678", "+84 912 345 678"), ("lan@example.org", "LAN@example.org")])
def test_a_second_account_for_the_same_phone_or_email_is_refused_in_both_languages(first, second):
    learner_register(full_name="Lan", login=first, password=PASSWORD)

    with pytest.raises(RegistrationRefused) as refusal:
        learner_register(full_name="Lan", login=second, password=PASSWORD)

    with translation.override("en"):
        assert str(refusal.value.message) == "An account with this phone number or email already exists. Please sign in."
    assert get_user_model().objects.count() == 1


def test_a_weak_password_is_refused_on_the_password_field():
    with pytest.raises(RegistrationRefused) as refusal:
        learner_register(full_name="Lan", login="0912345678", password="12345678")

    assert refusal.value.field == "password"
    assert not get_user_model().objects.exists()


def test_a_login_that_is_neither_phone_nor_email_is_refused():
    with pytest.raises(RegistrationRefused) as refusal:
        learner_register(full_name="Lan", login="lan", password=PASSWORD)

    assert refusal.value.field == "login"


# --- the pages


def sign_up(client, login, *, language="en", next_url=""):
    return client.post(f"/{language}/accounts/sign-up/" if language != "vi" else "/accounts/sign-up/", {
        "full_name": "Trần Thị Lan", "login": login, "password": PASSWORD, "password_again": PASSWORD, "next": next_url,
    })


def test_signing_up_signs_the_learner_in_and_returns_them_where_they_were(client):
    response = sign_up(client, "0912345678", next_url="/nhan-thuc-so/an-toan/")

    assert (response.status_code, response.url) == (302, "/nhan-thuc-so/an-toan/")
    assert client.get("/en/my-learning/").status_code == 200


def test_sign_up_never_redirects_to_another_site(client):
    response = sign_up(client, "lan@example.org", next_url="https://evil.example/")

    assert (response.status_code, response.url) == (302, "/")


def test_a_duplicate_sign_up_shows_the_reason_in_english_and_in_vietnamese(client):
    learner_register(full_name="Lan", login="0912345678", password=PASSWORD)

    english = sign_up(client, "+84 912 345 678").content.decode()
    vietnamese = sign_up(client, "+84 912 345 678", language="vi").content.decode()

    with translation.override("vi"):
        in_vietnamese = gettext("An account with this phone number or email already exists. Please sign in.")
    assert "An account with this phone number or email already exists. Please sign in." in english
    assert '<html lang="vi">' in vietnamese and in_vietnamese in vietnamese
    assert get_user_model().objects.count() == 1


def test_different_passwords_are_refused(client):
    response = client.post("/en/accounts/sign-up/", {"full_name": "Lan", "login": "0912345678", "password": PASSWORD, "password_again": PASSWORD + "x"})

    assert response.status_code == 200 and "The two passwords are different." in response.content.decode()
    assert not get_user_model().objects.exists()


@pytest.mark.parametrize(("registered", "typed"), [("0912345678", "+84 912 345 678"), ("0912345678", "0912.345.678"), ("lan@example.org", "Lan@Example.org")])
def test_sign_in_with_the_phone_number_or_email_in_any_spelling(client, registered, typed):
    learner_register(full_name="Lan", login=registered, password=PASSWORD)

    response = client.post("/en/accounts/sign-in/", {"username": typed, "password": PASSWORD, "next": "/en/my-learning/"})

    assert (response.status_code, response.url) == (302, "/en/my-learning/")


def test_a_wrong_password_is_refused_with_a_plain_message(client):
    learner_register(full_name="Lan", login="0912345678", password=PASSWORD)

    response = client.post("/en/accounts/sign-in/", {"username": "0912345678", "password": "wrong-password"})

    assert response.status_code == 200
    assert "The phone number or email and password do not match." in response.content.decode()


def test_admins_still_sign_in_with_their_username(client, django_user_model):
    django_user_model.objects.create_user("editor", password=PASSWORD)

    response = client.post("/en/accounts/sign-in/", {"username": "editor", "password": PASSWORD})

    assert response.status_code == 302


def test_sign_out_is_a_post_and_ends_the_session(client):
    learner_register(full_name="Lan", login="0912345678", password=PASSWORD)
    client.post("/en/accounts/sign-in/", {"username": "0912345678", "password": PASSWORD})

    response = client.post("/en/accounts/sign-out/")

    assert response.status_code == 302
    assert client.get("/en/my-learning/").status_code == 302


def test_the_sign_up_and_sign_in_pages_label_every_field(client):
    for path in ("/en/accounts/sign-up/", "/en/accounts/sign-in/"):
        html = client.get(path).content.decode()
        assert html.count("<h1") == 1
        for field_id in ("id_login", "id_password") if "up" in path else ("id_username", "id_password"):
            assert f'<label for="{field_id}">' in html


def test_a_learner_imported_with_the_national_spelling_signs_in_with_any_spelling(client, django_user_model):
    user = django_user_model.objects.create_user("cong-chuc-1", password=PASSWORD)
    Learner.objects.create(user=user, kind=Learner.Kind.CIVIL_SERVANT, full_name="Lê Văn An", phone="0987654321")

    response = client.post("/en/accounts/sign-in/", {"username": "+84 987 654 321", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_guessing_passwords_is_stopped_after_ten_tries_a_minute_even_with_the_right_one(client):
    learner_register(full_name="Lan", login="0912345678", password=PASSWORD)
    for _ in range(10):
        assert client.post("/accounts/sign-in/", {"username": "0912345678", "password": "wrong"}).status_code == 200

    refused = client.post("/accounts/sign-in/", {"username": "0912345678", "password": PASSWORD})

    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    with translation.override("vi"):
        assert gettext("Too many attempts from this connection. Please wait a minute and try again.") in refused.content.decode()
    assert 'value="0912345678"' in refused.content.decode()  # what the learner typed is kept


def test_creating_accounts_in_bulk_is_stopped_after_five_a_minute(client):
    for n in range(5):
        response = client.post("/en/accounts/sign-up/", {
            "full_name": f"Người {n}", "login": f"091234567{n}", "password": PASSWORD, "password_again": PASSWORD,
        })
        assert response.status_code == 302, response.content.decode()[:500]
        client.post("/en/accounts/sign-out/")

    refused = client.post("/en/accounts/sign-up/", {
        "full_name": "Người 6", "login": "0912345676", "password": PASSWORD, "password_again": PASSWORD,
    })

    assert refused.status_code == 429
    assert "Too many attempts from this connection." in refused.content.decode()
    assert get_user_model().objects.count() == 5
