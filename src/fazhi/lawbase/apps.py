from django.apps import AppConfig


class LawbaseConfig(AppConfig):
    name = "fazhi.lawbase"
    label = "lawbase"
    verbose_name = "法律法规库"
