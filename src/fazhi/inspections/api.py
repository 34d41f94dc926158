"""REST API of 综合查一次: the library (read), 双随机 plans, joint plans and visits.

Every step of a declared procedure is ``POST …/{id}/<step>/`` (``with_transitions``); creating
a plan or a proposal is a POST on the collection. Endpoints call services and selectors only.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core import selectors as core_selectors
from fazhi.core.api_support import ReadModelSerializer, ScopedPrimaryKeyRelatedField
from fazhi.core.errors import ValidationFailed
from fazhi.core.models import Organization, Person
from fazhi.core.procedure_api import with_transitions
from fazhi.inspections import selectors, services
from fazhi.inspections.models import (
    DrawPlan,
    InspectionItem,
    Inspector,
    JointPlan,
    PlanKind,
    Scenario,
    ScenarioLevel,
    Subject,
    SupervisionTopic,
    Task,
    TaskSource,
    Visit,
)
from fazhi.inspections.procedures import DRAW, JOINT_PLAN, VISIT


class InspectionItemSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    basis_article = serializers.StringRelatedField()

    class Meta:
        model = InspectionItem
        fields = [
            "id",
            "code",
            "name",
            "organization",
            "legal_basis",
            "basis_article",
            "basis_status",
            "basis_note",
            "object_type",
            "industry_tags",
            "duration_minutes",
            "frequency_per_year",
            "risk_list",
            "skill",
        ]


class SubjectSerializer(serializers.ModelSerializer):
    town = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Subject
        fields = [
            "id",
            "name",
            "credit_code",
            "address",
            "town",
            "object_type",
            "industry",
            "risk_grade",
            "credit_grade",
            "blackout_dates",
        ]


class ItemViewSet(viewsets.ReadOnlyModelViewSet):
    """Inspection items of every department (检查事项库)."""

    serializer_class = InspectionItemSerializer
    search_fields = ["code", "name"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation, no user
            return InspectionItem.objects.none()
        return selectors.item_list(user=self.request.user)


class SubjectViewSet(viewsets.ReadOnlyModelViewSet):
    """Inspected enterprises and sites (检查对象库)."""

    serializer_class = SubjectSerializer
    search_fields = ["name", "credit_code"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation, no user
            return Subject.objects.none()
        return selectors.subject_list(user=self.request.user)


class InspectorInputSerializer(serializers.Serializer):
    # Only people the caller may see: another unit's staff can be neither linked nor probed.
    person = ScopedPrimaryKeyRelatedField(
        queryset=Person.objects.none(),
        scoped=lambda user: core_selectors.person_list(user=user),
    )
    organization = serializers.SlugRelatedField(
        slug_field="code", queryset=Organization.objects.all()
    )
    skills = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    daily_capacity = serializers.IntegerField(min_value=1, default=4)


class InspectorSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = Inspector
        fields = ["id", "name", "organization", "skills", "daily_capacity", "is_active"]


class RelationInputSerializer(serializers.Serializer):
    credit_code = serializers.SlugRelatedField(
        slug_field="credit_code", queryset=Subject.objects.all(), source="subject"
    )
    relation = serializers.CharField(max_length=100)


class InspectorViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The inspector pool (certified officers only); ``relation`` declares a conflict."""

    serializer_class = InspectorSerializer

    def get_queryset(self):
        return selectors.inspector_list(user=self.request.user)

    @extend_schema(request=InspectorInputSerializer, responses={201: InspectorSerializer})
    def create(self, request: Request) -> Response:
        data = InspectorInputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        inspector = services.inspector_add(actor=request.user, **data.validated_data)
        return Response(InspectorSerializer(inspector).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RelationInputSerializer, responses={200: InspectorSerializer})
    @action(detail=True, methods=["post"])
    def relation(self, request: Request, pk: str | None = None) -> Response:
        inspector = self.get_object()
        data = RelationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.relation_declare(actor=request.user, inspector=inspector, **data.validated_data)
        return Response(InspectorSerializer(inspector).data)


class ScenarioSerializer(serializers.ModelSerializer):
    town = serializers.SlugRelatedField(slug_field="code", read_only=True)
    items = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Scenario
        fields = ["id", "name", "level", "town", "object_type", "items"]


class ScenarioInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    level = serializers.ChoiceField(choices=ScenarioLevel.choices)
    object_type = serializers.CharField(max_length=40)
    items = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=InspectionItem.objects.all()
    )
    town = serializers.SlugRelatedField(
        slug_field="code", queryset=Organization.objects.all(), required=False, allow_null=True
    )


class ScenarioViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Scenarios (场景) at the three levels: city key fields, city general fields, town."""

    serializer_class = ScenarioSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation, no user
            return Scenario.objects.none()
        return selectors.scenario_list(user=self.request.user).prefetch_related("items")

    @extend_schema(request=ScenarioInputSerializer, responses={201: ScenarioSerializer})
    def create(self, request: Request) -> Response:
        data = ScenarioInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        scenario = services.scenario_add(actor=request.user, **data.validated_data)
        return Response(ScenarioSerializer(scenario).data, status=status.HTTP_201_CREATED)


class TaskSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    item = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Task
        fields = ["id", "organization", "item", "topic", "result", "finding", "case_number"]


class TaskInputSerializer(serializers.Serializer):
    """A department's task (``credit_code`` + ``item``) or, for 综合督一次, ``unit`` + ``topic``."""

    credit_code = serializers.SlugRelatedField(
        slug_field="credit_code", queryset=Subject.objects.all(), required=False
    )
    item = serializers.SlugRelatedField(
        slug_field="code", queryset=InspectionItem.objects.all(), required=False
    )
    unit = serializers.SlugRelatedField(
        slug_field="code", queryset=Organization.objects.all(), required=False
    )
    topic = serializers.ChoiceField(choices=SupervisionTopic.choices, required=False)
    source = serializers.ChoiceField(
        choices=[TaskSource.PLAN, TaskSource.ADHOC], default=TaskSource.PLAN
    )
    earliest = serializers.DateField()
    due_by = serializers.DateField()


class TaskViewSet(mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Add a planned or ad-hoc task for the next joint plan."""

    serializer_class = TaskSerializer
    queryset = Task.objects.none()

    @extend_schema(request=TaskInputSerializer, responses={201: TaskSerializer})
    def create(self, request: Request) -> Response:
        data = TaskInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if values.get("unit") and values.get("topic"):
            task = services.supervision_task_add(
                actor=request.user,
                organization=selectors.coordinating_unit(request.user),
                unit=values["unit"],
                topic=values["topic"],
                earliest=values["earliest"],
                due_by=values["due_by"],
            )
        elif values.get("credit_code") and values.get("item"):
            task = services.task_add(
                actor=request.user,
                subject=values["credit_code"],
                item=values["item"],
                earliest=values["earliest"],
                due_by=values["due_by"],
                source=values["source"],
            )
        else:
            raise ValidationFailed(
                "required", "请填写对象和检查事项，或被监督单位和监督事项。", field="item"
            )
        return Response(TaskSerializer(task).data, status=status.HTTP_201_CREATED)


class DrawPlanSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    items = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    seed = serializers.SerializerMethodField()
    result = serializers.SerializerMethodField()

    class Meta:
        model = DrawPlan
        fields = [
            "id",
            "number",
            "title",
            "organization",
            "items",
            "period_start",
            "period_end",
            "ratios",
            "status",
            "seed_sha256",
            "inputs_sha256",
            "committed_at",
            "anchor_index",
            "seed",
            "drawn_at",
            "result",
            "published_on",
        ]

    def get_seed(self, plan: DrawPlan) -> str:
        return plan.seed if plan.seed_revealed else ""

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_result(self, plan: DrawPlan) -> list[dict[str, object]]:
        return plan.result if plan.seed_revealed else []


class DrawPlanInputSerializer(serializers.Serializer):
    organization = serializers.SlugRelatedField(
        slug_field="code", queryset=Organization.objects.all()
    )
    title = serializers.CharField(max_length=200)
    items = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=InspectionItem.objects.all()
    )
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    risk_high = serializers.DecimalField(max_digits=5, decimal_places=1)
    risk_medium = serializers.DecimalField(max_digits=5, decimal_places=1)
    risk_low = serializers.DecimalField(max_digits=5, decimal_places=1)
    credit_A = serializers.DecimalField(max_digits=5, decimal_places=1, default=0)
    credit_B = serializers.DecimalField(max_digits=5, decimal_places=1, default=0)
    credit_C = serializers.DecimalField(max_digits=5, decimal_places=1, default=0)
    credit_D = serializers.DecimalField(max_digits=5, decimal_places=1, default=0)


@with_transitions(DRAW, DrawPlanSerializer)
class DrawPlanViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """双随机 plans of the caller's departments; the seed and result once drawn."""

    serializer_class = DrawPlanSerializer
    filterset_fields = ["status"]

    def get_queryset(self):
        return selectors.draw_plan_list(user=self.request.user).prefetch_related("items")

    @extend_schema(request=DrawPlanInputSerializer, responses={201: DrawPlanSerializer})
    def create(self, request: Request) -> Response:
        data = DrawPlanInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        plan = services.draw_plan_create(
            actor=request.user,
            organization=values["organization"],
            title=values["title"],
            items=values["items"],
            period_start=values["period_start"],
            period_end=values["period_end"],
            ratios=services.ratios_from(values),
        )
        return Response(DrawPlanSerializer(plan).data, status=status.HTTP_201_CREATED)


class JointPlanSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = JointPlan
        fields = [
            "id",
            "title",
            "kind",
            "organization",
            "period_start",
            "period_end",
            "status",
            "summary",
            "unmerged",
            "issued_on",
        ]


class JointPlanInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=PlanKind.choices, default=PlanKind.INSPECTION)
    period_start = serializers.DateField()
    period_end = serializers.DateField()


@with_transitions(JOINT_PLAN, JointPlanSerializer)
class JointPlanViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Joint plans: the planner's proposal (create), then issue."""

    serializer_class = JointPlanSerializer
    filterset_fields = ["status", "kind"]

    def get_queryset(self):
        return selectors.joint_plan_list(user=self.request.user)

    @extend_schema(request=JointPlanInputSerializer, responses={201: JointPlanSerializer})
    def create(self, request: Request) -> Response:
        data = JointPlanInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = services.joint_plan_propose(
            actor=request.user,
            organization=selectors.coordinating_unit(request.user),
            **data.validated_data,
        )
        return Response(JointPlanSerializer(plan).data, status=status.HTTP_201_CREATED)


class VisitSerializer(ReadModelSerializer):
    lead = serializers.SlugRelatedField(slug_field="code", read_only=True)
    subject = serializers.SlugRelatedField(slug_field="credit_code", read_only=True)
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    tasks = TaskSerializer(many=True, read_only=True)

    class Meta:
        model = Visit
        fields = [
            "id",
            "plan",
            "subject",
            "unit",
            "lead",
            "scheduled_on",
            "status",
            "recorded_on",
            "note",
            "closed_on",
            "tasks",
        ]


@with_transitions(VISIT, VisitSerializer)
class VisitViewSet(viewsets.ReadOnlyModelViewSet):
    """Visits (入企检查) visible to the caller, with each item's result."""

    serializer_class = VisitSerializer
    filterset_fields = ["status", "plan"]

    def get_queryset(self):
        return selectors.visit_list(user=self.request.user).prefetch_related(
            "tasks__organization", "tasks__item"
        )
