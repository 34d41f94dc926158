"""REST API of the shared kernel. Endpoints call services and selectors, nothing else."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core import history, indicators, selectors, services
from fazhi.core.calendar import due_date
from fazhi.core.domain.calendar import DayBasis
from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import ApplicationError, NotFound, ValidationFailed
from fazhi.core.models import (
    Clock,
    LeaderLevel,
    Notification,
    Organization,
    OrganizationKind,
    Person,
)
from fazhi.core.params import MAX_YEAR, MIN_YEAR
from fazhi.core.requests import AuthenticatedRequest
from fazhi.core.scoping import require_read, scope_for


class OrganizationSerializer(serializers.ModelSerializer):
    # A field named like DRF's Field.parent attribute: the stubs see a clash, DRF does not.
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)  # type: ignore[assignment,var-annotated]

    class Meta:
        model = Organization
        fields = [
            "id",
            "code",
            "division_code",
            "name",
            "short_name",
            "kind",
            "is_street",
            "parent",
            "depth",
            "valid_from",
            "valid_to",
        ]


class OrganizationInputSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=100)
    kind = serializers.ChoiceField(choices=OrganizationKind.choices)
    parent = serializers.SlugRelatedField(  # type: ignore[assignment]  # see OrganizationSerializer
        slug_field="code", queryset=Organization.objects.all(), required=False, allow_null=True
    )
    division_code = serializers.CharField(max_length=12, required=False, allow_blank=True)
    short_name = serializers.CharField(max_length=40, required=False, allow_blank=True)
    is_street = serializers.BooleanField(required=False)
    valid_from = serializers.DateField(required=False, allow_null=True)
    valid_to = serializers.DateField(required=False, allow_null=True)


class AllOptional(serializers.Serializer):
    """For PATCH bodies: every field of the input serializer may be left out."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class OrganizationUpdateSerializer(AllOptional, OrganizationInputSerializer):
    code = None  # type: ignore[assignment]  # DRF's way to drop an inherited field


class OrganizationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations in the caller's scope. Administrators create and edit them."""

    serializer_class = OrganizationSerializer
    search_fields = ["name", "code"]
    filterset_fields = ["kind", "parent"]
    ordering_fields = ["code", "name", "path"]

    def get_queryset(self):
        return selectors.organization_list(user=self.request.user)

    @extend_schema(request=OrganizationInputSerializer, responses={201: OrganizationSerializer})
    def create(self, request: AuthenticatedRequest) -> Response:
        data = OrganizationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        organization = services.organization_create(actor=request.user, **data.validated_data)
        return Response(OrganizationSerializer(organization).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request={
            "multipart/form-data": inline_serializer(
                "OrganizationImportInput", {"file": serializers.FileField()}
            )
        },
        responses={201: OrganizationSerializer(many=True)},
    )
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser])
    def import_sheet(self, request: AuthenticatedRequest) -> Response:
        """An XLSX sheet of organisations, all rows or none (``rows`` lists each bad row)."""
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationFailed(CoreErrorCode.REQUIRED, _("请选择文件。"), field="file")
        created = services.organizations_import_xlsx(actor=request.user, data=upload.read())
        return Response(
            OrganizationSerializer(created, many=True).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=OrganizationUpdateSerializer, responses={200: OrganizationSerializer})
    def partial_update(self, request: AuthenticatedRequest, pk: str | None = None) -> Response:
        organization = self.get_object()
        data = OrganizationUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        organization = services.organization_update(
            actor=request.user, organization=organization, **data.validated_data
        )
        return Response(OrganizationSerializer(organization).data)

    @extend_schema(responses={200: OrganizationSerializer(many=True)})
    @action(detail=True)
    def children(self, request: Request, pk: str | None = None) -> Response:
        organization = self.get_object()
        page = self.paginate_queryset(
            selectors.organization_children(user=request.user, parent=organization)
        )
        return self.get_paginated_response(OrganizationSerializer(page, many=True).data)


class PersonSerializer(serializers.ModelSerializer):
    organization: serializers.SlugRelatedField[Organization] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    id_number = serializers.CharField(source="masked_id_number", read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "name",
            "id_number",
            "organization",
            "organization_name",
            "post",
            "leader_level",
            "enforcement_certificate_number",
            "certificate_valid_until",
            "is_active",
        ]


class PersonInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    organization = serializers.SlugRelatedField(
        slug_field="code", queryset=Organization.objects.all()
    )
    id_number = serializers.CharField(max_length=18, required=False, allow_blank=True)
    post = serializers.CharField(max_length=60, required=False, allow_blank=True)
    leader_level = serializers.ChoiceField(choices=LeaderLevel.choices, required=False)
    enforcement_certificate_number = serializers.CharField(
        max_length=30, required=False, allow_blank=True
    )
    certificate_valid_until = serializers.DateField(required=False, allow_null=True)
    is_active = serializers.BooleanField(required=False)


class PersonUpdateSerializer(AllOptional, PersonInputSerializer):
    pass


class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    """People in the caller's scope; ID numbers are always masked."""

    serializer_class = PersonSerializer
    search_fields = ["name", "enforcement_certificate_number", "post"]
    filterset_fields = ["leader_level", "is_active"]
    ordering_fields = ["name", "id"]

    def get_queryset(self):
        return selectors.person_list(user=self.request.user)

    @extend_schema(request=PersonInputSerializer, responses={201: PersonSerializer})
    def create(self, request: AuthenticatedRequest) -> Response:
        data = PersonInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        person = services.person_create(actor=request.user, **data.validated_data)
        return Response(PersonSerializer(person).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PersonUpdateSerializer, responses={200: PersonSerializer})
    def partial_update(self, request: AuthenticatedRequest, pk: str | None = None) -> Response:
        person = self.get_object()
        data = PersonUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        person = services.person_update(actor=request.user, person=person, **data.validated_data)
        return Response(PersonSerializer(person).data)


class ClockSerializer(serializers.ModelSerializer):
    organization = serializers.CharField(source="organization.name")
    days_left = serializers.SerializerMethodField()

    class Meta:
        model = Clock
        fields = [
            "id",
            "clock_type",
            "label",
            "url",
            "organization",
            "start_date",
            "status",
            "due_date",
            "days_left",
        ]

    def get_days_left(self, clock: Clock) -> int | None:
        if clock.due_date is None:
            return None
        return (clock.due_date - self.context["today"]).days


class DueClockViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Running clocks due within ``within`` days (default 7), overdue ones first, in scope."""

    serializer_class = ClockSerializer
    filter_backends = []

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    @extend_schema(parameters=[OpenApiParameter("within", int, description="days ahead (0–366)")])
    def list(self, request: Request, *args, **kwargs) -> Response:
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        within = self.request.query_params.get("within", "7")
        if not within.isdigit() or int(within) > 366:
            raise ValidationFailed(
                CoreErrorCode.INVALID, "within must be 0–366 days", field="within"
            )
        return selectors.clock_due_list(
            user=self.request.user, today=timezone.localdate(), within_days=int(within)
        )


class DeadlineQuerySerializer(serializers.Serializer):
    start = serializers.DateField()
    working_days = serializers.IntegerField(min_value=0, max_value=3650, required=False)
    days = serializers.IntegerField(min_value=0, max_value=3650, required=False)

    def validate_start(self, value):
        # Far dates overflow Python's date range once a period is added: refuse them here.
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            raise serializers.ValidationError(f"起算日须在 {MIN_YEAR}—{MAX_YEAR} 年之间。")
        return value

    def validate(self, attrs):
        if ("working_days" in attrs) == ("days" in attrs):
            raise serializers.ValidationError(
                {"working_days": "give exactly one of working_days or days"}
            )
        return attrs


class DeadlineView(APIView):
    """Compute a due date on the official calendar, with the explanation."""

    @extend_schema(
        parameters=[DeadlineQuerySerializer],
        responses=inline_serializer(
            "DeadlineResult",
            {
                "start": serializers.DateField(),
                "due": serializers.DateField(),
                "basis": serializers.CharField(),
                "length": serializers.IntegerField(),
                "explanation": serializers.ListField(child=serializers.CharField()),
            },
        ),
    )
    def get(self, request: Request) -> Response:
        query = DeadlineQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        working = "working_days" in query.validated_data
        result = due_date(
            start=query.validated_data["start"],
            length=query.validated_data["working_days" if working else "days"],
            basis=DayBasis.WORKING if working else DayBasis.CALENDAR,
        )
        return Response(
            {
                "start": result.start,
                "due": result.due,
                "basis": str(result.basis),
                "length": result.length,
                "explanation": result.lines(),
            }
        )


class IndicatorView(APIView):
    """Every registered indicator for a year, optionally within one organisation (by code)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int, required=True),
            OpenApiParameter("scope", str, description="organisation code"),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request: Request) -> Response:
        year = request.query_params.get("year", "")
        if not year.isdigit() or not 1900 <= int(year) <= 2999:
            raise ValidationFailed(
                CoreErrorCode.INVALID, "year must be a four-digit year", field="year"
            )
        scope = None
        code = request.query_params.get("scope")
        if code:
            scope = Organization.objects.filter(code=code).first()
            if scope is None:
                raise NotFound(
                    CoreErrorCode.UNKNOWN_ORGANIZATION,
                    "no organisation with this code",
                    field="scope",
                )
            require_read(request.user, scope)
        elif not scope_for(request.user).reads_all:
            # Figures for the whole city are for those who may read all of it.
            raise ValidationFailed(
                CoreErrorCode.REQUIRED, "give scope=<your organisation code>", field="scope"
            )
        return Response(indicators.report(int(year), scope))


class NumberIssueSerializer(serializers.Serializer):
    series = serializers.SlugField()
    year = serializers.IntegerField(min_value=1900, max_value=2999)


class NumberIssueView(APIView):
    """Take the next number of a series (justice-bureau legal officers and administrators)."""

    @extend_schema(
        request=NumberIssueSerializer,
        responses=inline_serializer(
            "IssuedNumber",
            {"number": serializers.CharField(), "sequence": serializers.IntegerField()},
        ),
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        from fazhi.core.models import NumberSeries, Role
        from fazhi.core.scoping import require_change

        data = NumberIssueSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        series = (
            NumberSeries.objects.filter(key=data.validated_data["series"])
            .select_related("organization")
            .first()
        )
        if series is None:
            raise NotFound(CoreErrorCode.NOT_FOUND, "no such number series", field="series")
        require_change(request.user, series.organization, roles=(Role.JUSTICE_LEGAL_OFFICER,))
        issued = services.number_issue(
            series_key=series.key, year=data.validated_data["year"], actor=request.user
        )
        return Response(
            {"number": issued.number, "sequence": issued.sequence}, status=status.HTTP_201_CREATED
        )


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "title", "body", "url", "created_at", "read_at"]


class NotificationCountSerializer(serializers.Serializer):
    unread = serializers.IntegerField()


class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = NotificationSerializer
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Notification.objects.none()
        return selectors.notification_list(user=self.request.user)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        if not str(pk).isdigit():
            raise NotFound(CoreErrorCode.NOT_FOUND, "no such notification", field="notification")
        services.notification_mark_read(user=request.user, notification_id=int(str(pk)))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses={200: NotificationSerializer})
    @action(detail=True, methods=["post"])
    def open(self, request: Request, pk: str | None = None) -> Response:
        """Open a notification as the inbox does: marked read, answered with its link."""
        if not str(pk).isdigit():
            raise NotFound(CoreErrorCode.NOT_FOUND, "no such notification", field="notification")
        notification = services.notification_open(user=request.user, notification_id=int(str(pk)))
        return Response(NotificationSerializer(notification).data)

    @extend_schema(request=None, responses={200: NotificationCountSerializer})
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: Request) -> Response:
        """全部标为已读: every unread notification of the caller."""
        services.notification_mark_all_read(user=request.user)
        return Response({"unread": 0})

    @extend_schema(responses={200: NotificationCountSerializer})
    @action(detail=False, methods=["get"])
    def counts(self, request: Request) -> Response:
        """The header's figure: how many notifications the caller has not read."""
        unread = selectors.notification_list(user=request.user, unread_only=True).count()
        return Response({"unread": unread})


class HistoryView(APIView):
    """Field-level history of one record: who, when, which fields changed."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, model: str, pk: str) -> Response:
        entry = history.subject(model)
        instance = get_object_or_404(entry.model, pk=pk) if pk.isdigit() else None
        if instance is None:
            raise NotFound(CoreErrorCode.NOT_FOUND, "no such record", field="pk")
        try:
            require_read(request.user, entry.organization_of(instance))
        except ApplicationError:
            # Out of scope answers exactly like "no such record": a 403 would tell a prober
            # which ids exist in other units.
            raise NotFound(CoreErrorCode.NOT_FOUND, "no such record", field="pk") from None
        return Response({"model": model, "id": instance.pk, "changes": history.changes(instance)})


def healthz(request) -> JsonResponse:
    """Liveness and database status, for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception as error:
        return JsonResponse({"status": "error", "database": str(error)[:200]}, status=503)
    return JsonResponse(
        {"status": "ok", "database": database, "time": dt.datetime.now(dt.UTC).isoformat()}
    )


class MyNoticeSerializer(serializers.Serializer):
    on = serializers.DateField(allow_null=True)
    text = serializers.CharField()


class MyApplicationSerializer(serializers.Serializer):
    module = serializers.CharField()
    title = serializers.CharField()
    number = serializers.CharField()
    status = serializers.CharField()
    submitted_on = serializers.DateField(allow_null=True)
    url = serializers.CharField()
    notices = MyNoticeSerializer(many=True)


class MyApplicationsView(APIView):
    """The logged-in user's own applications across apps (我的办件), never anyone else's."""

    @extend_schema(responses=MyApplicationSerializer(many=True))
    def get(self, request: Request) -> Response:
        from fazhi.core.citizen import applications_of

        return Response(MyApplicationSerializer(applications_of(request.user), many=True).data)
