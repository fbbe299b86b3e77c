from django.apps import AppConfig


class FrozenAppConfig(AppConfig):
    """Test-only models that exercise the frozen-record mechanism."""

    name = "phaen.core.tests.frozen_app"
    label = "frozen_app"
