from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "平台核心"

    def ready(self) -> None:
        # Each app declares its deadlines and figures in these modules (architecture.md).
        autodiscover_modules("clocks")
        autodiscover_modules("indicators")
        from fazhi.core import history
        from fazhi.core.models import Clock, Organization, Person

        history.register(Organization, lambda organization: organization)
        history.register(Person, lambda person: person.organization)
        history.register(Clock, lambda clock: clock.organization)
