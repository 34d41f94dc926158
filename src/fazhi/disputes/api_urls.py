from django.urls import include, path
from rest_framework.routers import DefaultRouter

from fazhi.disputes import api

app_name = "disputes-api"

router = DefaultRouter()
router.register("cases", api.CaseViewSet, basename="case")
router.register("confirmations", api.ConfirmationViewSet, basename="confirmation")
router.register("committees", api.MediationCommitteeViewSet, basename="committee")

urlpatterns = [
    path("", include(router.urls)),
    path("ledger/import/", api.LedgerImportView.as_view(), name="ledger-import"),
    path("statistics/", api.StatisticsView.as_view(), name="statistics"),
]
