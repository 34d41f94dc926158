"""``/api/evidence/``: public log endpoints and one's own deposits."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from fazhi.evidence import api

router = SimpleRouter()
router.register("deposits", api.DepositStepViewSet, basename="deposit")

app_name = "evidence_api"

urlpatterns = [
    path("public-key/", api.PublicKeyView.as_view(), name="public_key"),
    path("heads/latest/", api.LatestHeadView.as_view(), name="head_latest"),
    path("heads/<int:tree_size>/", api.HeadView.as_view(), name="head"),
    path("consistency/", api.ConsistencyView.as_view(), name="consistency"),
    path("inclusion/", api.InclusionView.as_view(), name="inclusion"),
    path("entries/", api.EntriesView.as_view(), name="entries"),
    path("verify/", api.VerifyView.as_view(), name="verify"),
    path("deposits/", api.DepositListView.as_view(), name="deposits"),
    path("deposits/<str:pk>/", api.DepositDetailView.as_view(), name="deposit"),
    path(
        "deposits/<str:pk>/certificate/",
        api.DepositCertificateView.as_view(),
        name="deposit_certificate",
    ),
    # POST deposits/{id}/<step>/ for each declared step of a deposit (evidence.procedures)
    *router.urls,
]
