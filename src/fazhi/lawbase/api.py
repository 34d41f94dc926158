"""REST API of the law base: laws, article search, and citation checking. Calls selectors only."""

from __future__ import annotations

import datetime as dt

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.lawbase import selectors
from fazhi.lawbase.models import Article, Law, LawKind, LawStatus


class LawSerializer(serializers.ModelSerializer):
    class Meta:
        model = Law
        fields = [
            "id",
            "title",
            "issuer",
            "kind",
            "status",
            "text_held",
            "adopted_on",
            "amended_on",
            "effective_on",
            "first_effective_on",
            "repealed_on",
            "superseded_on",
            "article_count",
            "first_article",
            "last_article",
            "source_path",
            "note",
        ]


class LawArticleSerializer(serializers.ModelSerializer):
    law = serializers.PrimaryKeyRelatedField(read_only=True)
    law_title = serializers.CharField(source="law.title", read_only=True)

    class Meta:
        model = Article
        fields = [
            "id",
            "law",
            "law_title",
            "number",
            "label",
            "chapter",
            "section",
            "text",
            "paragraphs",
        ]


class ArticleInLawSerializer(serializers.ModelSerializer):
    class Meta:
        model = Article
        fields = ["id", "number", "label", "chapter", "section", "text", "paragraphs"]


class LawDetailSerializer(LawSerializer):
    articles = ArticleInLawSerializer(many=True, read_only=True)

    class Meta(LawSerializer.Meta):
        fields = [*LawSerializer.Meta.fields, "articles"]


class LawTextSerializer(serializers.Serializer):
    """One dated text of a law (its articles in the ``Article`` shape)."""

    version = serializers.CharField()
    effective_from = serializers.DateField(allow_null=True)
    effective_to = serializers.DateField(allow_null=True)
    current = serializers.BooleanField()
    articles = serializers.ListField(child=serializers.DictField())


class ArticleChangeSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    label = serializers.CharField()
    change = serializers.ChoiceField(choices=["added", "removed", "changed"])
    old_text = serializers.CharField(allow_blank=True)
    new_text = serializers.CharField(allow_blank=True)


class LawViewSet(viewsets.ReadOnlyModelViewSet):
    """Laws and regulations of the law base; ``q`` searches titles (Chinese words)."""

    filter_backends = []

    def get_serializer_class(self):
        return LawDetailSerializer if self.action == "retrieve" else LawSerializer

    def get_queryset(self):
        if self.action == "retrieve":
            return Law.objects.prefetch_related("articles")
        if self.action in ("texts", "diff"):
            return Law.objects.all()
        params = self.request.query_params
        kind = params.get("kind", "")
        status = params.get("status", "")
        return selectors.law_list(
            query=params.get("q", ""),
            kind=kind if kind in LawKind.values else "",
            status=status if status in LawStatus.values else "",
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="words to find in the title"),
            OpenApiParameter("kind", str, enum=LawKind.values),
            OpenApiParameter("status", str, enum=LawStatus.values),
        ]
    )
    def list(self, request: Request, *args, **kwargs) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        parameters=[OpenApiParameter("as_of", dt.date, description="the text in force that day")],
        responses=LawTextSerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def texts(self, request: Request, pk=None) -> Response:
        """Every dated text of the law, or with ``as_of`` the one in force that day."""
        law = self.get_object()
        as_of = request.query_params.get("as_of", "").strip()
        if as_of:
            day = serializers.DateField().to_internal_value(as_of)
            texts = [selectors.law_text_on(law, day)]
        else:
            texts = selectors.law_texts(law)
        return Response(LawTextSerializer(texts, many=True).data)

    @extend_schema(
        parameters=[
            OpenApiParameter("old", str, required=True, description="e.g. 2017"),
            OpenApiParameter("new", str, required=True, description="e.g. 2023"),
        ],
        responses=ArticleChangeSerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def diff(self, request: Request, pk=None) -> Response:
        """Article-by-article differences between two texts of the law."""
        law = self.get_object()
        changes = selectors.law_text_diff(
            law,
            old=request.query_params.get("old", ""),
            new=request.query_params.get("new", ""),
        )
        return Response(ArticleChangeSerializer(changes, many=True).data)


class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    """Articles holding every word of ``q`` (jieba tokens), best matches first."""

    serializer_class = LawArticleSerializer
    filter_backends = []

    def get_queryset(self):
        if self.action == "retrieve":
            return Article.objects.select_related("law")
        law_id = self.request.query_params.get("law", "")
        law = Law.objects.filter(pk=law_id).first() if law_id.isdigit() else None
        return selectors.article_search(query=self.request.query_params.get("q", ""), law=law)

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, required=True, description="words to find"),
            OpenApiParameter("law", int, description="only this law's articles"),
        ]
    )
    def list(self, request: Request, *args, **kwargs) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        parameters=[OpenApiParameter("as_of", dt.date, description="the text in force that day")],
        responses=LawTextSerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def texts(self, request: Request, pk=None) -> Response:
        """Every dated text of the law, or with ``as_of`` the one in force that day."""
        law = self.get_object()
        as_of = request.query_params.get("as_of", "").strip()
        if as_of:
            day = serializers.DateField().to_internal_value(as_of)
            texts = [selectors.law_text_on(law, day)]
        else:
            texts = selectors.law_texts(law)
        return Response(LawTextSerializer(texts, many=True).data)

    @extend_schema(
        parameters=[
            OpenApiParameter("old", str, required=True, description="e.g. 2017"),
            OpenApiParameter("new", str, required=True, description="e.g. 2023"),
        ],
        responses=ArticleChangeSerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def diff(self, request: Request, pk=None) -> Response:
        """Article-by-article differences between two texts of the law."""
        law = self.get_object()
        changes = selectors.law_text_diff(
            law,
            old=request.query_params.get("old", ""),
            new=request.query_params.get("new", ""),
        )
        return Response(ArticleChangeSerializer(changes, many=True).data)


class CitationResolveInputSerializer(serializers.Serializer):
    text = serializers.CharField(trim_whitespace=False, max_length=selectors.MAX_TEXT_LENGTH)
    date = serializers.DateField(
        required=False, allow_null=True, help_text="the citing document's date"
    )


class CitationCheckResultSerializer(serializers.Serializer):
    start = serializers.IntegerField(source="mention.start")
    end = serializers.IntegerField(source="mention.end")
    excerpt = serializers.SerializerMethodField()
    title = serializers.CharField(source="mention.title")
    article = serializers.IntegerField(source="mention.article", allow_null=True)
    paragraph = serializers.IntegerField(source="mention.paragraph", allow_null=True)
    item = serializers.IntegerField(source="mention.item", allow_null=True)
    status = serializers.CharField(source="code")
    ok = serializers.BooleanField()
    message = serializers.CharField()
    law = serializers.CharField(source="law.title", allow_null=True, default=None)
    candidates = serializers.ListField(child=serializers.CharField())

    def get_excerpt(self, result) -> str:
        return self.context["text"][result.mention.start : result.mention.end]


class CitationResolveView(APIView):
    """Find every citation of a law in a text and check it against the law base at a date."""

    @extend_schema(
        request=CitationResolveInputSerializer,
        responses={200: CitationCheckResultSerializer(many=True)},
    )
    def post(self, request: Request) -> Response:
        data = CitationResolveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        text = data.validated_data["text"]
        results = selectors.citations_resolve(text=text, as_of=data.validated_data.get("date"))
        return Response(
            CitationCheckResultSerializer(results, many=True, context={"text": text}).data
        )
