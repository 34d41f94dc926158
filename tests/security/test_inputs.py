"""Bad input never causes a 500: years, far dates, deep JSON, conflicts, control characters,
decompression bombs; and whatever still fails answers in the API's JSON error shape."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.db import IntegrityError
from openpyxl import load_workbook
from rest_framework.test import APIRequestFactory

from fazhi.core.api_support import exception_handler, unexpected_error_response
from fazhi.core.exports import check_archive, xlsx_bytes
from fazhi.core.params import parse_year
from fazhi.core.security import clean_strings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", ["0", "10000", "99999999999", "-1", "２０２２", "abc"])
def test_public_year_filters_never_fail(client, year):
    assert client.get("/api/normdocs/public/", {"year": year}).status_code == 200
    assert client.get("/portal/normdocs/", {"year": year}).status_code == 200


def test_staff_year_filters_never_fail(client, users):
    client.force_login(users["administrator"])
    for url in ("/api/normdocs/documents/", "/normdocs/", "/disputes/statistics/", "/indicators/"):
        for year in ("0", "10000"):
            response = client.get(url, {"year": year})
            assert response.status_code < 500, (url, year)


def test_parse_year():
    assert parse_year("2022") == 2022
    assert parse_year("0") is None
    assert parse_year("10000", default=2020) == 2020


def test_deadline_far_in_the_future_is_refused_not_crashed(client, users):
    client.force_login(users["leader"])
    response = client.get("/api/calendar/deadline/", {"start": "9999-12-31", "days": 3650})
    assert response.status_code == 400 and response.json()["field"] == "start"
    page = client.get(
        "/tools/deadline/", {"start": "9999-12-31", "length": 3650, "basis": "calendar"}
    )
    assert page.status_code in (200, 404)


def test_deeply_nested_json_is_a_400(client):
    body = "[" * 10000 + "]" * 10000
    response = client.post("/api/reconsideration/apply/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    deep = {"a": 1}
    for _ in range(40):
        deep = {"a": deep}
    response = client.post("/api/reconsideration/apply/", deep, content_type="application/json")
    assert response.status_code == 400


def test_a_conflict_the_database_finds_is_a_409_in_the_json_shape():
    response = exception_handler(IntegrityError("duplicate key"), {})
    assert response.status_code == 409
    assert set(response.data) == {"code", "field", "detail"}
    assert response.data["code"] == "conflict"


def test_any_other_error_is_a_500_in_the_json_shape():
    response = unexpected_error_response(RuntimeError("boom"))
    assert response.status_code == 500 and response.data["code"] == "server_error"
    assert "boom" not in response.data["detail"]


def test_an_unhandled_error_in_an_api_view_answers_json(client, users, monkeypatch):
    from fazhi.core import api as core_api

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(core_api.indicators, "report", broken)
    client.raise_request_exception = False
    client.force_login(users["administrator"])
    response = client.get("/api/indicators/", {"year": "2022"})
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "server_error"


def test_control_characters_are_stripped_from_json_and_forms(client):
    assert clean_strings({"a\x00": ["x\x07y", 1, {"k": "\x1bz\t"}]}) == {
        "a": ["xy", 1, {"k": "z\t"}]
    }
    factory = APIRequestFactory()
    from rest_framework.request import Request

    from fazhi.core.security import SafeJSONParser

    request = Request(
        factory.post("/", json.dumps({"name": "张\x0b三"}), content_type="application/json"),
        parsers=[SafeJSONParser()],
    )
    assert request.data == {"name": "张三"}


def test_xlsx_export_escapes_control_characters_and_formulas():
    data = xlsx_bytes(title="t\x01", headers=["名称"], rows=[["a\x02b"], ['=HYPERLINK("x")']])
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A2"].value == "ab"
    assert sheet["A3"].value == '=HYPERLINK("x")' and sheet["A3"].data_type == "s"


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w>" + b" " * (120 * 1024 * 1024) + b"</w>")
    return buffer.getvalue()


def test_decompression_bombs_are_refused_before_parsing():
    from fazhi.core.errors import ValidationFailed
    from fazhi.review.engine.text import UnreadableDocument, read_docx

    bomb = _bomb()
    assert len(bomb) < 1024 * 1024
    with pytest.raises(ValidationFailed):
        check_archive(bomb)
    with pytest.raises(UnreadableDocument):
        read_docx(bomb)
