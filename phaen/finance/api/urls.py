"""Routes of the finance endpoints; ``phaen/api/urls.py`` mounts them under /api/v1/."""

from rest_framework.routers import SimpleRouter

from phaen.finance.api import views

router = SimpleRouter()
router.register("finance-transactions", views.TransactionViewSet, basename="finance-transaction")
router.register("finance-transfers", views.TransferViewSet, basename="finance-transfer")
router.register("finance-carry-overs", views.CarryOverViewSet, basename="finance-carry-over")
router.register("finance-balances", views.ProjectBalanceViewSet, basename="finance-balance")
router.register("finance-imports", views.ImportViewSet, basename="finance-import")
router.register("finance-import-rows", views.ImportRowViewSet, basename="finance-import-row")
router.register("finance-s-curves", views.SCurveViewSet, basename="finance-s-curve")
