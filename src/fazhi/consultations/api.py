"""REST API of public consultations (staff side): the consultations of the caller's units and
their comments, with one endpoint per declared step (``consultations.procedures``). A
consultation is opened by the procedure it serves (``/api/normdocs/documents/{id}/comment-open/``,
a major decision's public participation); the public comments on the portal."""

from __future__ import annotations

from rest_framework import serializers, viewsets

from fazhi.consultations import selectors
from fazhi.consultations.models import Comment, Consultation
from fazhi.consultations.procedures import COMMENT, CONSULTATION
from fazhi.core.procedure_api import with_transitions


class ConsultationSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status = serializers.CharField(read_only=True, help_text="open | closed | summary_published")
    comment_count = serializers.IntegerField(read_only=True, required=False)
    pending_count = serializers.IntegerField(read_only=True, required=False)

    class Meta:
        model = Consultation
        fields = [
            "id",
            "organization",
            "title",
            "status",
            "starts_on",
            "ends_on",
            "minimum_days",
            "day_basis",
            "closed_on",
            "opened_backdate_reason",
            "closed_backdate_reason",
            "comment_count",
            "pending_count",
        ]


@with_transitions(CONSULTATION, ConsultationSerializer)
class ConsultationViewSet(viewsets.ReadOnlyModelViewSet):
    """Consultations run by the caller's units."""

    serializer_class = ConsultationSerializer
    search_fields = ["title"]
    filterset_fields = ["status"]
    ordering_fields = ["id", "starts_on", "ends_on"]

    def get_queryset(self):
        return selectors.consultation_list(user=self.request.user).order_by("-id")


class CommentSerializer(serializers.ModelSerializer):
    consultation = serializers.PrimaryKeyRelatedField(read_only=True)
    version = serializers.IntegerField(source="version.number", read_only=True)
    status = serializers.CharField(read_only=True, help_text="pending | approved | spam")
    response_outcome = serializers.SerializerMethodField()
    response_reason = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = [
            "id",
            "consultation",
            "version",
            "anchor",
            "anchor_label",
            "body",
            "name",
            "contact",
            "receipt_code",
            "status",
            "submitted_at",
            "response_outcome",
            "response_reason",
        ]

    def _response(self, comment):
        return getattr(comment, "response", None)

    def get_response_outcome(self, comment) -> str:
        response = self._response(comment)
        return response.outcome if response else ""

    def get_response_reason(self, comment) -> str:
        response = self._response(comment)
        return response.reason if response else ""


@with_transitions(COMMENT, CommentSerializer)
class CommentViewSet(viewsets.ReadOnlyModelViewSet):
    """Comments on the caller's units' consultations: moderation and responses."""

    serializer_class = CommentSerializer
    filterset_fields = ["status", "consultation"]

    def get_queryset(self):
        return selectors.comment_list_for(user=self.request.user)
