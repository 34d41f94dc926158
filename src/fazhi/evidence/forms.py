"""Forms of the evidence pages and of the deposit's declared step; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.evidence.models import REASON_MAX


class EraseForm(forms.Form):
    """The lawful basis of erasing a deposited file (the service refuses a blank one)."""

    reason = forms.CharField(label=_("删除依据"), max_length=REASON_MAX, required=False)
