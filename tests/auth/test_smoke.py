"""Sign-in basics: the login page, default deny, and a signed-in advocate's case list."""


def test_login_page_is_public_and_has_headers(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert b"Sign in" in response.data
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]


def test_pages_require_sign_in(client):
    response = client.get("/cases/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/login")


def test_signed_in_advocate_sees_cases(make, login_as):
    advocate = make.user("advocate")
    client = login_as(advocate)
    assert client.get("/cases/").status_code == 200
    assert client.get("/dashboard").status_code == 403


def test_worker_fields_are_encrypted(make, db_session):
    from sqlalchemy import select

    from casework.models import Worker

    worker = make.worker(name="María José Núñez", phone="+1 555-201-9876")
    db_session.commit()
    raw = db_session.scalar(select(Worker.name_ciphertext).where(Worker.id == worker.id))
    assert raw is not None and b"Mar" not in bytes(raw)
    db_session.expire_all()
    again = db_session.get(Worker, worker.id)
    assert again.name == "María José Núñez"
