"""Routes of the surveys endpoints; ``phaen/api/urls.py`` mounts them under /api/v1/."""

from rest_framework.routers import SimpleRouter

from phaen.surveys.api import views

router = SimpleRouter()
router.register("surveys", views.SurveyViewSet, basename="survey")
router.register("survey-questions", views.QuestionViewSet, basename="survey-question")
