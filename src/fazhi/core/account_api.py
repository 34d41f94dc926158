"""API of accounts, role assignments and calendar overrides: the same services as the pages."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core import services
from fazhi.core.models import CalendarDay, Organization, Role, RoleAssignment
from fazhi.core.requests import AuthenticatedRequest, signed_in
from fazhi.core.scoping import require_role

User = get_user_model()


class RoleAssignmentSerializer(serializers.ModelSerializer):
    organization: serializers.SlugRelatedField[Organization] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = RoleAssignment
        fields = ["id", "role", "organization"]


class AccountSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(source="first_name", read_only=True)
    roles = RoleAssignmentSerializer(source="role_assignments", many=True, read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "display_name", "email", "is_active", "roles"]


class AccountInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    display_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    password = serializers.CharField(max_length=128, write_only=True)


class RoleInputSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices)
    organization = serializers.SlugRelatedField(
        slug_field="code", queryset=Organization.objects.all()
    )


class ActiveInputSerializer(serializers.Serializer):
    active = serializers.BooleanField()


class AccountViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Logins and their roles (administrators only)."""

    serializer_class = AccountSerializer
    queryset = User.objects.none()  # the schema's path type; rows come from get_queryset
    search_fields = ["username", "first_name"]

    def get_queryset(self):
        require_role(self.request.user, Role.ADMINISTRATOR)
        return User.objects.order_by("username").prefetch_related("role_assignments__organization")

    @extend_schema(request=AccountInputSerializer, responses={201: AccountSerializer})
    def create(self, request: Request) -> Response:
        data = AccountInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_register(actor=signed_in(request.user), **data.validated_data)
        return Response(AccountSerializer(user).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RoleInputSerializer, responses={201: RoleAssignmentSerializer})
    @action(detail=True, methods=["post"])
    def roles(self, request: AuthenticatedRequest, pk: str | None = None) -> Response:
        data = RoleInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        assignment = services.role_assign(
            actor=request.user, user=self.get_object(), **data.validated_data
        )
        return Response(RoleAssignmentSerializer(assignment).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ActiveInputSerializer, responses={200: AccountSerializer})
    @action(detail=True, methods=["post"])
    def active(self, request: AuthenticatedRequest, pk: str | None = None) -> Response:
        data = ActiveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_set_active(
            actor=request.user, user=self.get_object(), active=data.validated_data["active"]
        )
        return Response(AccountSerializer(user).data)


class RoleAssignmentViewSet(mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Withdraw a role (``DELETE``)."""

    serializer_class = RoleAssignmentSerializer
    queryset = RoleAssignment.objects.none()

    def get_queryset(self):
        require_role(self.request.user, Role.ADMINISTRATOR)
        return RoleAssignment.objects.select_related("organization", "user")

    def perform_destroy(self, instance: RoleAssignment) -> None:
        services.role_revoke(actor=signed_in(self.request.user), assignment=instance)


class CalendarDaySerializer(serializers.ModelSerializer):
    class Meta:
        model = CalendarDay
        fields = ["id", "date", "is_workday", "name", "source"]


class CalendarDayViewSet(
    mixins.CreateModelMixin, mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Overrides of the official calendar; adding or withdrawing one recomputes open clocks."""

    serializer_class = CalendarDaySerializer
    queryset = CalendarDay.objects.none()

    def get_queryset(self):
        require_role(self.request.user, Role.ADMINISTRATOR, Role.JUSTICE_LEGAL_OFFICER)
        return CalendarDay.objects.order_by("-date")

    def create(self, request: Request) -> Response:
        data = CalendarDaySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        day = services.calendar_day_set(
            actor=signed_in(request.user),
            date=values["date"],
            is_workday=values["is_workday"],
            name=values.get("name", ""),
            source=values.get("source", ""),
        )
        return Response(CalendarDaySerializer(day).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance: CalendarDay) -> None:
        services.calendar_day_remove(actor=signed_in(self.request.user), day=instance)
