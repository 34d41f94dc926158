from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "fazhi.evidence"
    label = "evidence"
    verbose_name = "实时保存证"
