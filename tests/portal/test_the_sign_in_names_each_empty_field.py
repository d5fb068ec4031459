"""/my/sign-in/ with both fields empty said "This field is required." twice, without
saying which field each was about."""

from django.test import Client

from tests.portal.conftest import text_of


def test_each_error_names_its_field():
    response = Client(HTTP_ACCEPT_LANGUAGE="en").post(
        "/my/sign-in/", {"username": "", "password": ""}
    )
    summary = text_of(
        response.content.decode().split('class="error-summary"', 1)[1].split("</div>")[0]
    )
    assert "User name: This field is required." in summary
    assert "Password: This field is required." in summary
