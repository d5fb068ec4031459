"""A clerk signs in with a password and the code from their authenticator app."""

from tests.court.conftest import PASSWORD, code_for


def test_a_clerk_signs_in_with_the_second_factor(page, enrolled, screenshot):
    page.goto("/court/")
    screenshot("sign-in")
    page.get_by_label("Nombre de usuario").fill("maria.clerk")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Continuar").click()
    page.get_by_label("Código de su aplicación de autenticación").fill(code_for(enrolled))
    page.get_by_role("button", name="Ingresar").click()
    page.get_by_role("heading", name="Mis despachos").wait_for()
    assert "Juzgado Penal de San José" in page.content()
    screenshot("my-courts")


def test_a_wrong_code_is_explained_next_to_the_field(page, enrolled):
    page.goto("/court/sign-in/")
    page.get_by_label("Nombre de usuario").fill("maria.clerk")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Continuar").click()
    wrong = f"{(int(code_for(enrolled)) + 1) % 1_000_000:06d}"
    page.get_by_label("Código de su aplicación de autenticación").fill(wrong)
    page.get_by_role("button", name="Ingresar").click()
    error = page.locator(".field-error")
    error.wait_for()
    assert "no es correcto" in error.inner_text()
