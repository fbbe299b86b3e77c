"""Report builders. Each module of this package defines reports and registers them with
``@register``; every module here is imported, so a new report is a new file."""

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
