"""Start-up time of the ``fazhi`` command and of the web process, beside a baseline.

    PYTHONPATH=src .venv/bin/python benchmarks/web/startup.py                 # eager baseline
    PYTHONPATH=src .venv/bin/python benchmarks/web/startup.py --compare /path/to/main/src

Each case runs in a fresh interpreter ``--runs`` times (after one warm-up run that fills the
bytecode cache: production installs have ``.pyc`` files, so the figures do too, with
``PYTHONPYCACHEPREFIX`` in a temporary folder so the tree stays clean) and prints the median
wall time, the median CPU time (user + system of the child; steadier than wall time on a
shared machine), the number of modules loaded and which heavy third-party modules were loaded.

The baseline is the same command with the heavy modules imported eagerly, as the tree did
before they were made lazy (python-docx and lxml, numpy, qrcode, openpyxl and the apps'
services and views at registry population); ``--compare SRC`` also runs another tree (e.g.
main's ``src``) as it is. The settings use a throw-away SQLite file unless ``DATABASE_URL`` is
set; no command here touches the database.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY = ["docx", "lxml", "openpyxl", "numpy", "qrcode", "PIL", "jieba", "sklearn", "ortools"]
# What the tree imported at start-up before (the baseline re-creates it).
EAGER = [
    "docx",
    "numpy",
    "qrcode.image.svg",
    "openpyxl",
    "fazhi.core.documents.word",
    "fazhi.normdocs.services",
    "fazhi.enforcement.services",
    "fazhi.evidence.services",
    "fazhi.consultations.services",
    "fazhi.core.views",
]
CASES: dict[str, list[str]] = {
    "fazhi help": ["help"],
    "fazhi deadline --help": ["deadline", "--help"],
    "fazhi review --help": ["review", "--help"],
    "fazhi evidence --help": ["evidence", "--help"],
    "web process (wsgi + urls)": [],
}
PROGRAM = """
import os, sys, time
eager = {eager!r}
report = os.environ["STARTUP_REPORT"]
if eager:
    import django
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import importlib
    for name in eager:
        if not name.startswith("fazhi."):
            importlib.import_module(name)
    _setup = django.setup
    def setup(*a, **k):
        _setup(*a, **k)
        for name in eager:
            if name.startswith("fazhi."):
                importlib.import_module(name)
    django.setup = setup
def done():
    heavy = [h for h in {heavy!r} if h in sys.modules]
    with open(report, "w") as out:
        out.write(f"{{len(sys.modules)}} {{','.join(heavy)}}")
import atexit
atexit.register(done)
argv = {argv!r}
if argv:
    sys.argv = ["fazhi", *argv]
    from fazhi.cli import main
    try:
        main()
    except SystemExit:
        pass
else:
    from fazhi.wsgi import application
    from django.urls import get_resolver
    get_resolver().url_patterns
"""


def run_case(argv: list[str], *, eager: list[str], env: dict[str, str], runs: int) -> dict:
    walls, cpus = [], []
    modules, heavy = 0, ""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report"
        program = PROGRAM.format(eager=eager, heavy=HEAVY, argv=argv)
        for n in range(runs + 1):
            started = time.perf_counter()
            child = subprocess.Popen(
                [sys.executable, "-c", program],
                env={**env, "STARTUP_REPORT": str(report)},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            _, status, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - started
            if os.waitstatus_to_exitcode(status) != 0:
                raise SystemExit(f"{argv or 'web'} failed (exit {status})")
            if n:  # the first run fills the bytecode cache
                walls.append(wall)
                cpus.append(usage.ru_utime + usage.ru_stime)
            text = report.read_text().split(" ")
            modules, heavy = int(text[0]), text[1] if len(text) > 1 else ""
    return {
        "wall": statistics.median(walls) * 1000,
        "cpu": statistics.median(cpus) * 1000,
        "modules": modules,
        "heavy": heavy or "-",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--compare", metavar="SRC", help="another tree's src, run as it is")
    parser.add_argument("--no-baseline", action="store_true", help="skip the eager baseline")
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="fazhi-startup-")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("DATABASE_URL", f"sqlite:///{scratch}/startup.sqlite3")
    env.setdefault("FAZHI_VAR_DIR", scratch)
    env["PYTHONPYCACHEPREFIX"] = os.path.join(scratch, "pycache")
    env["DJANGO_SETTINGS_MODULE"] = "fazhi.settings"
    variants: list[tuple[str, dict[str, str], list[str]]] = [("this tree", env, [])]
    if not args.no_baseline:
        variants.append(("eager baseline", env, EAGER))
    if args.compare:
        other = {**env, "PYTHONPATH": args.compare}
        variants.append((f"{args.compare}", other, []))
    print(f"runs: {args.runs} (medians); target: commands start in < 700 ms", flush=True)
    print(f"{'case':<28}{'variant':<24}{'wall ms':>9}{'cpu ms':>9}{'modules':>9}  heavy")
    for case, argv in CASES.items():
        for label, variant_env, eager in variants:
            row = run_case(argv, eager=eager, env=variant_env, runs=args.runs)
            print(
                f"{case:<28}{label[-23:]:<24}{row['wall']:>9.0f}{row['cpu']:>9.0f}"
                f"{row['modules']:>9}  {row['heavy']}",
                flush=True,
            )


if __name__ == "__main__":
    main()
