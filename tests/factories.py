"""factory_boy factories for the shared kernel; organisations get their path through the service."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from fazhi.core.domain.identity import id_number_check_char
from fazhi.core.models import LeaderLevel, Organization, Person, RoleAssignment, path_segment


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"ORG{n:05d}")
    name = factory.Sequence(lambda n: f"测试单位{n}")
    kind = "department"
    parent = None

    @factory.post_generation
    def with_path(obj, create, extracted, **kwargs):
        if not create:
            return
        obj.path = (obj.parent.path if obj.parent else "") + path_segment(obj.pk)
        obj.depth = obj.parent.depth + 1 if obj.parent else 0
        obj.save(update_fields=["path", "depth"])


def valid_id_number(serial: int) -> str:
    first17 = f"33048119800101{serial % 1000:03d}"
    return first17 + id_number_check_char(first17)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"张{n}")
    organization = factory.SubFactory(OrganizationFactory)
    id_number = factory.Sequence(valid_id_number)
    leader_level = LeaderLevel.NONE


class CertifiedOfficerFactory(PersonFactory):
    enforcement_certificate_number = factory.Sequence(lambda n: f"3304{n:07d}")
    certificate_valid_until = dt.date(2026, 12, 31)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-42")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def run_queued_job(response):
    """The import a page queued (it redirects to the job): run it as the worker would."""
    from fazhi.jobs.services import job_execute

    assert response.status_code == 302 and "/jobs/" in response["Location"], response.content[:300]
    return job_execute(int(response["Location"].rstrip("/").split("/")[-1]))


def user_with_role(role: str, organization: Organization, **kwargs):
    user = UserFactory(**kwargs)
    RoleAssignment.objects.create(user=user, role=role, organization=organization)
    return user
