"""``phaen bench_pd02 [--projects 500] [--runs 3]``: how long form ผด.02 of a big plan takes.

Measures, for a throwaway operational plan of N projects (each with two activities, two
budget lines, a place, a unit and planned months, spread over five strategies and four
work plans):

* in-process: building the data and rendering the PDF ``--runs`` times in one process
  (as the job worker does: after the first run fonts and layouts are warm);
* whole process: ``phaen report pd02 --plan ID --out FILE`` run ``--runs`` times as a
  subprocess, start-up, imports and font loading included.

The data live in a temporary SQLite database made for the run (``PHAEN_DATABASE_URL``
pointing at a file in a temporary folder, migrated first) and deleted afterwards, so the
subprocess sees the same data and nothing is left in the real database. With
``--in-process-only`` the data are created in the current database inside a transaction
that is rolled back, and only the in-process figures are measured (the test uses this).

Prints only JSON: median seconds and the details of each run.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from phaen.accounts.models import User
from phaen.budget.models import BudgetSource, ExpenseCategory, WorkPlan
from phaen.organizations.models import Organization, OrganizationKind, Unit
from phaen.plans.models import Activity, BudgetLine, Project
from phaen.plans.services import plan_create
from phaen.reports.registry import get_report
from phaen.reports.renderers import render
from phaen.strategy.services import plan_from_tree

FISCAL_YEAR = 2568
LIMIT_SECONDS = 5.0


class _Rollback(Exception):
    pass


def seed(projects: int) -> int:
    """A throwaway organisation with an operational plan of ``projects`` projects; returns
    the plan's id. Bulk inserts: the benchmark is about the report, not about saving."""
    org = Organization.objects.create(
        code="BENCH-PD02",
        name_th="องค์การบริหารส่วนตำบลทดสอบความเร็ว",
        kind=OrganizationKind.default(),
    )
    tree = {
        "kind": "local_development",
        "title": "แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570)",
        "start_year": 2566,
        "end_year": 2570,
        "issues": [
            {"number": n, "title": f"ยุทธศาสตร์การพัฒนาด้านที่ {n} โครงสร้างพื้นฐานและคุณภาพชีวิต"}
            for n in range(1, 6)
        ],
    }
    issues = list(plan_from_tree(organization=org, tree=tree).issues.order_by("number"))
    units = [
        Unit.objects.create(organization=org, code=f"U{n}", name_th=name)
        for n, name in enumerate(("สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา"))
    ]
    work_plans = list(WorkPlan.objects.order_by("ordinal")[:4])
    plan = plan_create(organization=org, kind="operational_plan", fiscal_year=FISCAL_YEAR)
    rows = Project.objects.bulk_create(
        Project(
            plan=plan,
            name=f"โครงการก่อสร้างถนนคอนกรีตเสริมเหล็กและปรับปรุงระบบระบายน้ำ หมู่ที่ {i % 12 + 1} ({i})",
            place=f"หมู่ที่ {i % 12 + 1} ตำบลทดสอบ",
            issue=issues[i % len(issues)],
            work_plan=work_plans[i % len(work_plans)],
            responsible_unit=units[i % len(units)],
            months=sorted({i % 12 + 1, (i + 1) % 12 + 1, (i + 2) % 12 + 1}),
            sort_order=i,
        )
        for i in range(projects)
    )
    Activity.objects.bulk_create(
        Activity(project=p, name=name, months=[], sort_order=k)
        for p in rows
        for k, name in enumerate(("สำรวจและออกแบบ", "จัดซื้อจัดจ้างและก่อสร้างตามแบบ"))
    )
    sources = list(BudgetSource.objects.order_by("pk")[:2])
    categories = list(ExpenseCategory.objects.filter(code__in=["L2.2", "L3.2"]))
    BudgetLine.objects.bulk_create(
        BudgetLine(project=p, source=sources[k], category=categories[k], amount=Decimal(k + i))
        for i, p in enumerate(rows)
        for k in range(2)
    )
    return plan.pk


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def in_process(plan_id: int, runs: int) -> dict:
    """Build and render ผด.02 ``runs`` times in this process."""
    report = get_report("pd02")
    user = User(username="bench", is_superuser=True, is_active=True)
    builds, renders, queries, size = [], [], 0, 0
    for _run in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            build_s, data = timed(lambda: report.build(user=user, plan=plan_id))
        render_s, rendered = timed(lambda data=data: render(report, data, "pdf"))
        builds.append(build_s)
        renders.append(render_s)
        queries, size = len(ctx.captured_queries), len(rendered.content)
    totals = [b + r for b, r in zip(builds, renders, strict=True)]
    return {
        "build_s": [round(x, 3) for x in builds],
        "render_s": [round(x, 3) for x in renders],
        "median_s": round(statistics.median(totals), 3),
        "warm_median_s": round(statistics.median(totals[1:] or totals), 3),
        "queries": queries,
        "pdf_bytes": size,
    }


class Command(BaseCommand):
    help = (
        "Benchmark form ผด.02 (report pd02) of a plan of N projects: in-process build and "
        "PDF, and a whole 'phaen report' process, in a temporary database. Prints JSON."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--projects", type=int, default=500, help="Default: %(default)s.")
        parser.add_argument("--runs", type=int, default=3, help="Default: %(default)s.")
        parser.add_argument(
            "--in-process-only",
            action="store_true",
            help="Only the in-process figures, with the data in the current database "
            "inside a transaction that is rolled back.",
        )
        parser.add_argument("--seed-and-measure", action="store_true", help="(internal)")

    def handle(self, *args, **options) -> None:
        projects, runs = options["projects"], options["runs"]
        if projects < 1 or runs < 1:
            raise CommandError("--projects and --runs must be at least 1.")
        with translation.override("th"):
            if options["seed_and_measure"]:  # the child process, in the temporary database
                plan_id = seed(projects)
                result = {"plan": plan_id, "in_process": in_process(plan_id, runs)}
            elif options["in_process_only"]:
                result = self._rolled_back(projects, runs)
            else:
                result = self._with_temporary_database(projects, runs)
        self.stdout.write(json.dumps(result, ensure_ascii=False))

    def _rolled_back(self, projects: int, runs: int) -> dict:
        result: dict = {}
        try:
            with transaction.atomic():
                plan_id = seed(projects)
                result = self._summary(projects, runs, in_process(plan_id, runs), None)
                raise _Rollback
        except _Rollback:
            pass
        return result

    def _with_temporary_database(self, projects: int, runs: int) -> dict:
        with tempfile.TemporaryDirectory(prefix="phaen-bench-") as tmp:
            env = {**os.environ, "PHAEN_DATABASE_URL": f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"}
            self._phaen(env, "migrate", "--noinput")
            child = json.loads(
                self._phaen(
                    env,
                    "bench_pd02",
                    "--seed-and-measure",
                    f"--projects={projects}",
                    f"--runs={runs}",
                )
            )
            report_args = ("report", "pd02", "--plan", str(child["plan"]))
            out = ("--out", str(Path(tmp) / "pd02.pdf"))
            whole, cpu = [], []
            for _run in range(runs):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                whole.append(timed(lambda: self._phaen(env, *report_args, *out))[0])
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        process = {
            "s": [round(x, 3) for x in whole],
            "median_s": round(statistics.median(whole), 3),
            # CPU seconds of the process: what the run costs when the machine is not
            # shared (wall time grows with the load of other work on the same cores)
            "cpu_s": [round(x, 3) for x in cpu],
            "median_cpu_s": round(statistics.median(cpu), 3),
        }
        return self._summary(projects, runs, child["in_process"], process)

    def _summary(self, projects: int, runs: int, inside: dict, process: dict | None) -> dict:
        summary = {
            "report": "pd02",
            "projects": projects,
            "runs": runs,
            "in_process": inside,
            "whole_process": process,
            "limit_s": LIMIT_SECONDS,
            "cores": os.cpu_count(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
        }
        if process is not None:
            summary["within_limit"] = process["median_s"] <= LIMIT_SECONDS
        return summary

    def _phaen(self, env: dict, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "phaen", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
        if result.returncode != 0:
            raise CommandError(f"phaen {' '.join(args)} failed:\n{result.stderr[-2000:]}")
        return result.stdout
