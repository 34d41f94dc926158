"""The staff inbox: opening a notification reads it (page and API) and the header's count
drops; 全部标为已读; the 后台任务 menu entry for users who have started a job."""

from __future__ import annotations

from django.urls import reverse

from fazhi.core import services
from fazhi.core.models import Notification
from fazhi.jobs.models import Job


def _raise(user, n: int, url: str = "/deadlines/") -> None:
    for i in range(n):
        services.notification_raise(user=user, title=f"待审查{i}", url=url, dedupe_key=f"t:{i}")


def _badge(client) -> str:
    page = client.get(reverse("core:notifications")).content.decode()
    start = page.index('class="badge-link"')
    return page[start : page.index("</a>", start)]


def test_opening_from_the_inbox_reads_it_and_the_header_count_drops(client, tree, users):
    user = users["mediator"]
    _raise(user, 2)
    client.force_login(user)
    assert '<span class="badge">2</span>' in _badge(client)
    first = Notification.objects.filter(user=user).order_by("pk").first()
    page = client.get(reverse("core:notifications")).content.decode()
    open_url = reverse("core:notification_open", args=[first.pk])
    assert open_url in page
    response = client.get(open_url)
    assert (response.status_code, response["Location"]) == (302, "/deadlines/")
    first.refresh_from_db()
    assert first.read_at is not None
    assert '<span class="badge">1</span>' in _badge(client)
    # Someone else's notification neither opens nor is read.
    other = users["leader"]
    _raise(other, 1)
    theirs = Notification.objects.get(user=other)
    assert client.get(reverse("core:notification_open", args=[theirs.pk]))["Location"] == (
        reverse("core:notifications")
    )
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_an_outside_link_is_not_followed(client, tree, users):
    user = users["mediator"]
    _raise(user, 1, url="https://evil.example/")
    client.force_login(user)
    note = Notification.objects.get(user=user)
    response = client.get(reverse("core:notification_open", args=[note.pk]))
    assert response["Location"] == reverse("core:notifications")


def test_read_all_on_the_page_and_through_the_api(client, tree, users):
    user = users["mediator"]
    _raise(user, 3)
    client.force_login(user)
    assert "全部标为已读" in client.get(reverse("core:notifications")).content.decode()
    response = client.post(reverse("core:notification_read_all"), follow=True)
    assert "已将 3 条通知标为已读" in response.content.decode()
    assert not Notification.objects.filter(user=user, read_at__isnull=True).exists()
    assert 'class="badge"' not in _badge(client)
    services.notification_raise(user=user, title="新", dedupe_key="new")
    assert client.get("/api/notifications/counts/").json() == {"unread": 1}
    assert client.post("/api/notifications/read-all/").json() == {"unread": 0}
    assert client.get("/api/notifications/counts/").json() == {"unread": 0}


def test_api_open_reads_it_and_answers_its_link(client, tree, users):
    user = users["mediator"]
    _raise(user, 1)
    note = Notification.objects.get(user=user)
    client.force_login(users["leader"])
    assert client.post(f"/api/notifications/{note.pk}/open/").status_code == 404
    client.force_login(user)
    response = client.post(f"/api/notifications/{note.pk}/open/")
    assert response.status_code == 200
    assert response.json()["url"] == "/deadlines/" and response.json()["read_at"]
    assert client.get("/api/notifications/counts/").json() == {"unread": 0}


def test_the_jobs_list_is_in_the_menu_of_users_who_have_jobs(client, tree, users):
    user = users["mediator"]
    client.force_login(user)
    jobs = reverse("jobs:list")
    assert f'href="{jobs}"' not in client.get(reverse("core:notifications")).content.decode()
    Job.objects.create(kind="disputes.ledger_export", title="调解台账导出", user=user)
    assert f'href="{jobs}"' in client.get(reverse("core:notifications")).content.decode()
