"""Default deny and role-gated pages: 403 for a signed-in user with the wrong role."""

from __future__ import annotations

import pytest

# (path, roles allowed); every other role gets a 403.
PAGES = [
    ("/admin/users", {"admin"}),
    ("/admin/users/new", {"admin"}),
    ("/dashboard", {"supervisor"}),
    ("/admin/audit", {"supervisor", "admin"}),
    ("/cases/", {"intake", "advocate", "supervisor"}),
    ("/cases/new", {"intake", "advocate", "supervisor"}),
]
ROLES = ("intake", "advocate", "supervisor", "admin")


@pytest.mark.parametrize(("path", "allowed"), PAGES)
def test_role_gated_pages(client, make, login_as, path, allowed):
    for role in ROLES:
        login_as(make.user(role))
        response = client.get(path)
        if role in allowed:
            assert response.status_code == 200, (path, role)
        else:
            assert response.status_code == 403, (path, role)
            assert b"Your role does not allow this page." in response.data


@pytest.mark.parametrize("path", [path for path, _ in PAGES] + ["/account/password"])
def test_every_page_needs_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/login")


def test_public_pages_need_no_sign_in(client):
    assert client.get("/login").status_code == 200
    assert client.get("/static/css/casework.css").status_code == 200
    assert client.post("/language", data={"language": "es"}).status_code == 303


def test_admin_cannot_manage_accounts_without_the_role(client, make, login_as):
    target = make.user("advocate")
    login_as(make.user("supervisor"))
    assert client.post(f"/admin/users/{target.id}", data={"role": "admin"}).status_code == 403
    assert client.post(f"/admin/users/{target.id}/reset-totp").status_code == 403
    assert target.role == "advocate"


def test_admin_manages_accounts(client, make, login_as):
    from casework.auth import service

    admin = make.user("admin")
    login_as(admin)
    created = client.post(
        "/admin/users/new",
        data={
            "name": "Nora Intake",
            "email": "nora@center.test",
            "role": "intake",
            "password": "temporary passphrase for nora",
        },
    )
    assert created.status_code == 302
    nora = service.find_user("nora@center.test")
    assert nora.role == "intake" and nora.totp_required

    # Relax the second factor for intake; never for a supervisor.
    client.post(f"/admin/users/{nora.id}", data={"role": "intake", "active": "y"})
    assert nora.totp_required is False
    client.post(f"/admin/users/{nora.id}", data={"role": "supervisor", "active": "y"})
    assert nora.role == "supervisor" and nora.totp_required is True

    nora.totp_secret, nora.totp_enrolled = "JBSWY3DPEHPK3PXP", True
    assert client.post(f"/admin/users/{nora.id}/reset-totp").status_code == 302
    assert nora.totp_enrolled is False and not nora.totp_secret
