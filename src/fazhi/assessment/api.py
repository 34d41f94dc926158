"""REST API of the assessment: list and read (scoped), one POST per declared step."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from fazhi.assessment import selectors, services
from fazhi.assessment.models import Assessment, Scheme, Score
from fazhi.assessment.procedures import ASSESSMENT
from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import NotFound, ValidationFailed
from fazhi.core.models import Organization
from fazhi.core.procedure_api import ERROR_RESPONSES, with_transitions


class ScoreSerializer(serializers.ModelSerializer):
    item = serializers.CharField(source="item.name")

    class Meta:
        model = Score
        fields = ["item", "value", "score", "evidence", "reason"]


class AssessmentSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    year = serializers.IntegerField(source="scheme.year")
    scores = ScoreSerializer(many=True, read_only=True)

    class Meta:
        model = Assessment
        fields = ["id", "organization", "year", "status", "total", "notified_on", "scores"]


@with_transitions(ASSESSMENT, AssessmentSerializer)
class AssessmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = AssessmentSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.assessment_list(user=self.request.user).prefetch_related("scores__item")

    def get_object(self):
        return selectors.assessment_get(user=self.request.user, pk=self.kwargs["pk"])


class AssessmentOpenSerializer(serializers.Serializer):
    year = serializers.IntegerField(help_text="考核方案年度")
    organization = serializers.CharField(help_text="被考核单位编码")


def _invalid(data: serializers.Serializer) -> ValidationFailed:
    field, errors = next(iter(data.errors.items()))
    return ValidationFailed("invalid", str(errors[0]), field=field)


@extend_schema(
    request=AssessmentOpenSerializer, responses={201: AssessmentSerializer, **ERROR_RESPONSES}
)
def _open(self, request):
    data = AssessmentOpenSerializer(data=request.data)
    if not data.is_valid():
        raise _invalid(data)
    scheme = Scheme.objects.filter(year=data.validated_data["year"]).first()
    organization = Organization.objects.filter(code=data.validated_data["organization"]).first()
    if scheme is None or organization is None:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("考核方案或单位不存在。"), field="organization")
    assessment = services.assessment_open(
        actor=request.user, scheme=scheme, organization=organization
    )
    return Response(AssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)


AssessmentViewSet.create = _open


class ItemInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    points = serializers.DecimalField(max_digits=6, decimal_places=2)
    method = serializers.ChoiceField(choices=["computed", "manual"])
    indicator_key = serializers.CharField(max_length=100, required=False, allow_blank=True)
    rule = serializers.ChoiceField(
        choices=["thresholds", "linear", "pass_fail"], required=False, allow_blank=True
    )
    params = serializers.JSONField(required=False)
    guidance = serializers.CharField(required=False, allow_blank=True)


class DimensionInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    items = ItemInputSerializer(many=True)


class SchemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Scheme
        fields = ["id", "year", "title"]


class SchemeInputSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    title = serializers.CharField(max_length=200)
    dimensions = DimensionInputSerializer(many=True)


class SchemeViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Assessment schemes by year; a new scheme is posted whole (all-or-nothing)."""

    serializer_class = SchemeSerializer
    permission_classes = [IsAuthenticated]
    queryset = Scheme.objects.all()

    @extend_schema(
        request=SchemeInputSerializer, responses={201: SchemeSerializer, **ERROR_RESPONSES}
    )
    def create(self, request):
        data = SchemeInputSerializer(data=request.data)
        if not data.is_valid():
            raise _invalid(data)
        scheme = services.scheme_create(
            actor=request.user,
            year=data.validated_data["year"],
            title=data.validated_data["title"],
            dimensions=[
                {"name": d["name"], "items": [dict(i) for i in d["items"]]}
                for d in data.validated_data["dimensions"]
            ],
        )
        return Response(SchemeSerializer(scheme).data, status=status.HTTP_201_CREATED)
