"""Public verification (valid, revoked, wrong code, rate limit) and the owner-only download."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from certificates.services import certificate_issue, certificate_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def certificate(course, make_learner):
    return certificate_issue(learner=make_learner("tuyet", completed_course=course), course=course)[0]


def test_verification_shows_name_course_date_and_valid_status_without_other_personal_data(client, certificate):
    response = client.get(f"/en/verify/{certificate.code}")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn Thị Ánh Tuyết" in html and "Ứng dụng AI trong công việc và cuộc sống" in html
    assert "Valid certificate" in html and certificate.display_code in html
    assert "tuyet@example.org" not in html and "Phường Bến Nghé" not in html


def test_a_typed_code_with_dashes_and_lower_case_finds_the_certificate(client, certificate):
    response = client.get("/verify/", {"code": certificate.display_code.lower()})

    assert response.status_code == 302 and response["Location"].endswith(f"/verify/{certificate.code}")


def test_a_revoked_certificate_shows_revoked_with_its_date(client, certificate, admin_user):
    certificate_revoke(certificate=certificate, by=admin_user, reason="Sai thông tin")

    response = client.get(f"/en/verify/{certificate.code}")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Revoked certificate" in html and "Revoked on" in html
    assert "Sai thông tin" not in html


def test_a_wrong_code_is_a_clean_404_page(client, certificate):
    response = client.get("/en/verify/ZZZZ-ZZZZ-ZZ")

    assert response.status_code == 404
    assert "No certificate has the code" in response.content.decode()


def test_enumerating_codes_is_rate_limited_with_a_clear_message(client, certificate, settings):
    statuses = [client.get(f"/en/verify/AAAA{n:06d}").status_code for n in range(25)]

    assert statuses[:20] == [404] * 20
    assert set(statuses[20:]) == {429}
    limited = client.get(f"/en/verify/{certificate.code}")
    assert limited.status_code == 429 and limited["Retry-After"] == "60"
    assert "Too many lookups" in limited.content.decode()
    # Another client is not affected.
    assert client.get(f"/en/verify/{certificate.code}", REMOTE_ADDR="10.9.8.7").status_code == 200


def test_the_owner_downloads_the_pdf_rendered_on_first_download(client, certificate, local_storage):
    client.force_login(certificate.learner)

    response = client.get(f"/certificates/{certificate.code}.pdf")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    certificate.refresh_from_db()
    assert certificate.pdf and local_storage.exists(certificate.pdf.name)


def test_another_learner_cannot_download_it(client, certificate, make_learner, local_storage):
    client.force_login(make_learner("someone-else"))

    assert client.get(f"/certificates/{certificate.code}.pdf").status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, certificate):
    response = client.get(f"/certificates/{certificate.code}.pdf")

    assert response.status_code == 302 and "next=" in response["Location"]


def test_an_admin_may_download_any_certificate(client, certificate, admin_user, local_storage):
    client.force_login(admin_user)

    assert client.get(f"/certificates/{certificate.code}.pdf").status_code == 200


def test_my_learning_lists_the_learners_certificates(client, certificate):
    client.force_login(certificate.learner)

    html = client.get(reverse("courses:my_learning")).content.decode()
    assert certificate.display_code in html
    assert f"/certificates/{certificate.code}.pdf" in html
