"""The law base's tables: laws and regulations (one current text each) and their articles.

Rows are written only by ``services.laws_load`` from the shared corpus; nobody edits a law by
hand. ``search_text`` columns hold the jieba tokens of the text joined by spaces, so that a
plain ``icontains`` per query token finds words on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class LawKind(models.TextChoices):
    LAW = "law", _("法律")
    ADMINISTRATIVE_REGULATION = "administrative_regulation", _("行政法规")
    LOCAL_REGULATION = "local_regulation", _("地方性法规")
    OTHER = "other", _("其他")


# The index's ``level`` values, mapped onto the choices above.
KIND_BY_LEVEL = {
    "法律": LawKind.LAW,
    "行政法规": LawKind.ADMINISTRATIVE_REGULATION,
    "地方性法规": LawKind.LOCAL_REGULATION,
}


class LawStatus(models.TextChoices):
    IN_FORCE = "in_force", _("现行有效")
    # The text held was replaced by a newer one that the corpus does not hold.
    SUPERSEDED = "superseded", _("已修订（库中非现行文本）")
    REPEALED = "repealed", _("已废止")


class Law(models.Model):
    """One law or regulation with the dates of its current text.

    ``text_held`` is false for instruments known only because a held law repeals them
    (…《法规规章备案条例》同时废止): they have no articles, but citing them must say "repealed".
    """

    title = models.CharField(_("标题"), max_length=200, unique=True)
    issuer = models.CharField(_("制定机关"), max_length=200, blank=True)
    kind = models.CharField(_("效力层级"), max_length=30, choices=LawKind.choices)
    status = models.CharField(_("状态"), max_length=20, choices=LawStatus.choices)
    text_held = models.BooleanField(_("收录全文"), default=True)
    adopted_on = models.DateField(_("公布日期"), null=True, blank=True)
    amended_on = models.DateField(_("最近修订日期"), null=True, blank=True)
    effective_on = models.DateField(_("现行文本施行日期"), null=True, blank=True)
    first_effective_on = models.DateField(_("首次施行日期"), null=True, blank=True)
    repealed_on = models.DateField(_("废止日期"), null=True, blank=True)
    superseded_on = models.DateField(_("新文本施行日期"), null=True, blank=True)
    first_article = models.PositiveIntegerField(_("首条"), null=True, blank=True)
    last_article = models.PositiveIntegerField(_("末条"), null=True, blank=True)
    articles_consecutive = models.BooleanField(_("条文连续"), default=True)
    article_count = models.PositiveIntegerField(_("条数"), default=0)
    source_file = models.CharField(_("文件"), max_length=255, blank=True)
    source_path = models.CharField(_("来源路径"), max_length=255, blank=True)
    note = models.TextField(_("说明"), blank=True)
    # SHA-256 of the file and its index entry: an unchanged law is skipped on reload.
    content_hash = models.CharField(max_length=64, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    loaded_at = models.DateTimeField(_("载入时间"))
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("法律法规")
        verbose_name_plural = _("法律法规")
        ordering = ["kind", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="repealed") | Q(repealed_on__isnull=True),
                name="law_repeal_date_only_when_repealed",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Article(models.Model):
    """One 条 of a law, with its 款 and 项 as JSON.

    ``paragraphs`` is ``[{"number", "text", "items": [{"number", "label", "text"}]}]``.
    """

    law = models.ForeignKey(
        Law, verbose_name=_("法律法规"), on_delete=models.CASCADE, related_name="articles"
    )
    number = models.PositiveIntegerField(_("条号"))
    label = models.CharField(_("条"), max_length=20)
    chapter = models.CharField(_("章"), max_length=200, blank=True)
    section = models.CharField(_("节"), max_length=200, blank=True)
    text = models.TextField(_("条文"))
    paragraphs = models.JSONField(_("款项"), default=list)
    search_text = models.TextField(editable=False, blank=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("条文")
        verbose_name_plural = _("条文")
        ordering = ["law", "number"]
        constraints = [
            models.UniqueConstraint(fields=["law", "number"], name="article_unique_number"),
        ]

    def __str__(self) -> str:
        return f"《{self.law.title}》{self.label}" if self.law_id else self.label

    @property
    def anchor(self) -> str:
        return f"article-{self.number}"


class LawVersion(models.Model):
    """An earlier text of a held law, with the days it governed (``effective_to`` inclusive).

    The current text stays in ``Law``/``Article``; a version holds its articles as JSON in the
    same shape (``[{"number", "label", "chapter", "section", "text", "paragraphs"}]``), because
    it is read whole (a page "as in force on DATE", a comparison) and never searched.
    """

    law = models.ForeignKey(
        Law, verbose_name=_("法律法规"), on_delete=models.CASCADE, related_name="versions"
    )
    version = models.CharField(_("文本"), max_length=20)
    effective_from = models.DateField(_("施行日期"))
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    amended_on = models.DateField(_("修正日期"), null=True, blank=True)
    source_file = models.CharField(_("文件"), max_length=255, blank=True)
    source_path = models.CharField(_("来源路径"), max_length=255, blank=True)
    note = models.TextField(_("说明"), blank=True)
    article_count = models.PositiveIntegerField(_("条数"), default=0)
    articles = models.JSONField(_("条文"), default=list)
    content_hash = models.CharField(max_length=64, blank=True)
    loaded_at = models.DateTimeField(_("载入时间"))
    history = HistoricalRecords(excluded_fields=["articles"])

    class Meta:
        verbose_name = _("法律法规历史文本")
        verbose_name_plural = _("法律法规历史文本")
        ordering = ["law", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["law", "version"], name="law_version_unique"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="law_version_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"《{self.law.title}》（{self.version}年文本）"
