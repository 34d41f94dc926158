"""What a page costs per request: the menu is rendered once per role set, row links without
``reverse()`` per row — and both give exactly what the uncached code gave."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import reverse

from fazhi.core import context_processors, navigation
from fazhi.core.models import RoleAssignment
from fazhi.core.scoping import scope_for
from tests.factories import user_with_role


def _menu_links(html: str) -> list[str]:
    return [part.split('"', 1)[0] for part in html.split('href="')[1:]]


def _expected_links(scope) -> list[str]:
    return [
        reverse(item.url_name)
        for section in navigation.sections()
        for item in section.items
        if (item.roles is None or scope.has_role(*item.roles)) and item.shown is None
    ]


@pytest.mark.django_db
def test_the_menu_shows_what_each_role_opens_and_is_cached_per_role_set(tree, users):
    context_processors._menus.clear()
    mediator, admin = users["mediator"], users["administrator"]
    town_menu = context_processors.sidenav(scope_for(mediator), None)
    admin_menu = context_processors.sidenav(scope_for(admin), None)
    assert _menu_links(town_menu) == _expected_links(scope_for(mediator))
    assert _menu_links(admin_menu) == _expected_links(scope_for(admin))
    assert len(_menu_links(town_menu)) < len(_menu_links(admin_menu))
    # Another mediator (another town) shares the rendered menu; a role more gives another one.
    other = user_with_role("mediator", tree.other_town, username="mediator2")
    assert context_processors.sidenav(scope_for(other), None) is town_menu
    both = user_with_role("mediator", tree.town, username="mediator3")
    RoleAssignment.objects.create(user=both, role="enforcement_officer", organization=tree.town)
    assert _menu_links(context_processors.sidenav(scope_for(both), None)) == _expected_links(
        scope_for(both)
    )


@pytest.mark.django_db
def test_the_page_marks_the_current_menu_item(client, users):
    client.force_login(users["mediator"])
    page = client.get(reverse("disputes:cases")).content.decode()
    assert f'href="{reverse("disputes:cases")}" aria-current="page"' in page
    assert page.count('aria-current="page"') == 1


def test_row_url_is_what_url_gives():
    template = Template(
        "{% load rows %}{% row_url 'disputes:case_detail' pk %}|{% url 'disputes:case_detail' pk %}"
    )
    for pk in (1, 42, 1234567):
        mine, theirs = template.render(Context({"pk": pk})).split("|")
        assert mine == theirs
    # Not an integer: falls back to reverse() (the same converter error or URL).
    two = Template(
        "{% load rows %}{% row_url 'core:history' 'disputes.mediationcase' 7 %}|"
        "{% url 'core:history' 'disputes.mediationcase' 7 %}"
    )
    mine, theirs = two.render(Context({})).split("|")
    assert mine == theirs
