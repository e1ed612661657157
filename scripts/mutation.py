"""Mutation testing (mutmut) of the modules that decide money, time, access and observations.

Each module is mutated on its own, in a scratch copy of the repository (``.mutation/<module>/``), against
a small, targeted test selection: mutmut then runs, for each mutant, only the tests of that selection that
call the mutated function. Run by ``scripts/mutation.sh [module …]``; prints killed / total per module.
Not run in CI: a module takes minutes, all of them an hour or more. MUTATION_CHILDREN=2 runs two mutants
at once (default 1: the machine is shared). ``touch .mutation/STOP`` stops a run safely (every module's;
``.mutation/<module>/STOP`` that module's only): the mutant being tested finishes, its result is saved, and
no further mutant or module starts (scripts/mutmut_stoppable.py).
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".mutation"
STOP = WORK / "STOP"  # present: the run stops after the mutant in flight (removed when a run starts)


def _stopped(name: str) -> bool:
    """Whether a stop was asked for every module (.mutation/STOP) or for this one (.mutation/<name>/STOP)."""
    return STOP.exists() or (WORK / name / "STOP").exists()


# module name -> (files to mutate, tests that exercise them); without argument, run in this order (fastest
# tests first: the money modules' unit tests build a tiny shop in memory).
UNIT = ["tests/unit/test_pricing.py", "tests/unit/test_pricing_scope.py",
        "tests/unit/test_pricing_edges.py"]


def _observables(*names: str) -> list[str]:
    """Files of observable check types, by module name."""
    return [f"sandbox/subjects/observables/{name}.py" for name in names]


def _cases(*prefixes: str) -> list[str]:
    """The both-ways cases whose id (the check type's name first) contains one of these words."""
    return ["tests/observables/test_both_ways.py", "-k", " or ".join(prefixes)]


MODULES: dict[str, tuple[list[str], list[str]]] = {
    "pricing": (["sandbox/services/pricing.py", "sandbox/services/group_reductions.py"], UNIT),
    "cart_rules": (["sandbox/services/cart_rules.py", "sandbox/services/cart_rule_scope.py",
                    "sandbox/services/totals.py"], [*UNIT, "tests/unit/test_cart_rules_edges.py"]),
    "shipping": (["sandbox/services/shipping.py"], UNIT),
    "stock": (["sandbox/services/stock.py"],
              ["tests/integration/test_shop_admin_categories_stock.py",
               "tests/integration/test_shop_front_checkout.py"]),
    "logins": (["sandbox/login_sessions.py", "sandbox/login_store.py", "sandbox/web/seat_login.py"],
               ["tests/integration/test_logins_store.py", "tests/integration/test_login_hardening.py",
                "tests/integration/test_seat_login_redirects.py"]),
    # The logins database's PostgreSQL branch (the server engine, « ? » and « % » rewritten), which a SQLite
    # run never reaches: the same file, its store tests next to a throw-away cluster (POSTGRES below).
    "logins-postgres": (["sandbox/login_store.py"], ["tests/integration/test_logins_store.py"]),
    "timers": (["grading/services/timers.py"], ["tests/grading/test_timers.py"]),
    "grids": (["grading/services/grids.py"], ["tests/grading/test_grids.py"]),
    "seats": (["sandbox/seats.py"], ["tests/integration/test_seats.py"]),
    # Spares made at a server's start (keep_spares_ready) exist on PostgreSQL only (a SQLite seat is a file
    # copy): that one test next to a throw-away cluster, for the mutants named after the module.
    "seats-postgres": (["sandbox/seats.py"], ["tests/integration/test_seats.py", "-k", "spares_made"]),
    # Back-office saving (checks before any change): their unit tests (the in-memory shop of
    # tests/unit/pricing_world.py), where most mutants die fast, then the slower integration tests.
    "carriers": (["sandbox/services/carriers.py"], ["tests/unit/test_carriers_admin.py",
                                                    "tests/integration/test_shop_admin_shipping.py"]),
    "price_rules": (["sandbox/services/price_rules.py"], ["tests/unit/test_price_rules_admin.py",
                                                          "tests/integration/test_shop_admin_promotions.py"]),
    # The check types of prices and promotions, proven both ways on real seats (tests/observables).
    "observables-pricing": (["sandbox/subjects/observables/pricing.py"], ["tests/observables"]),
    # The other check types, grouped by what they observe; only the cases of those check types run (-k on
    # the case ids, which start with the check type's name).
    "observables-catalogue": (_observables("catalogue", "catalogue_extras", "stock"),
                              _cases("product", "brand", "attribute", "category")),
    "observables-orders": (_observables("orders", "after_sales"),
                           _cases("order", "return", "credit_slip", "thread", "predefined_message",
                                  "customer", "employee", "profile")),
    "observables-site": (_observables("site", "content"),
                         _cases("post", "comment", "term", "site_user", "media", "plugin")),
    "observables-look": (_observables("appearance", "site_settings", "main_menu", "modules"),
                         _cases("site", "menu", "widget", "popup", "discussion", "privacy", "term", "module",
                                "carousel", "home")),
    "observables-shop": (_observables("customers", "customer_data", "payment", "promotions", "relations",
                                      "service", "settings", "shipping", "shop_contact", "shop_content"),
                         ["tests/observables/test_both_ways.py"]),
}

INSTALL_ONCE = {"logins", "seats"}
# Tests a mutant runs first: the in-memory shop's unit tests, the logins store on a bare data folder, the
# login redirects on one seat for the whole file.
CHEAP_FIRST = ("tests/unit/", "tests/integration/test_logins_store.py",
               "tests/integration/test_seat_login_redirects.py")
# Run by scripts/with-postgres.sh: tests/conftest.py reads E5_TEST_DATABASE.
POSTGRES = {"logins-postgres", "seats-postgres"}
# A module also measured on PostgreSQL: its score counts a mutant killed by either run.
BOTH_ENGINES = {"logins": "logins-postgres", "seats": "seats-postgres"}
_RESULT = re.compile(r"^\s*(\S+): (.+)$")
KILLED = ("killed", "timeout")


def _copy_repository(dest: Path) -> None:
    """Copy the files git knows (tracked or not ignored) into ``dest``, replacing what was there but mutmut's
    ``mutants/`` folder: a run cut short goes on where it stopped (mutmut re-tests what changed)."""
    for old in dest.glob("*") if dest.exists() else ():
        if old.name != "mutants":
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"],  # noqa: S603, S607 — fixed command
                            cwd=ROOT, check=True, capture_output=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file() and not name.startswith(".mutation/"):
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)


def _undecorate(path: Path) -> None:
    """Rewrite ``@check(...) def f`` as ``def f`` then ``f = check(...)(f)`` (same registration).

    mutmut never mutates a decorated function, and every observable check type is one: without this, only
    their undecorated helpers would be mutated and the score would say nothing about the checks.
    """
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    functions = [n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef) and n.decorator_list]
    for node in reversed(functions):  # from the end: earlier line numbers stay right
        wrapped = node.name
        for decorator in reversed(node.decorator_list):
            wrapped = f"({ast.get_source_segment(source, decorator)})({wrapped})"
        first = node.decorator_list[0].lineno - 1  # the line of the first « @ »
        lines[node.end_lineno:node.end_lineno] = [f"{node.name} = {wrapped}"]
        del lines[first:node.lineno - 1]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _configure(dest: Path, files: list[str], tests: list[str]) -> None:
    """Append the [tool.mutmut] table for one module to the scratch copy's pyproject.toml."""
    table = {
        "source_paths": ["sandbox", "grading"],
        "only_mutate": files,
        "also_copy": ["subjects", "contexts", "scripts", "docs", "README.md"],
        "pytest_add_cli_args_test_selection": tests,
        "pytest_add_cli_args": ["-p", "no:cacheprovider", "-q"],
        # Seconds added to a mutant's expected test time before the x15 limit: each mutant's run builds the
        # session fixtures again (a context installed, a seat made), which the expected time leaves out; on
        # a loaded machine a mutant a test would kill could otherwise be counted « timeout » untested.
        "timeout_constant": 20,
    }
    # mutmut passes a mutant's tests in no particular order and stops at the first failure: the cheap ones
    # first (CHEAP_FIRST), so a mutant they kill never waits for an integration test's seat.
    with (dest / "tests" / "conftest.py").open("a", encoding="utf-8") as handle:
        handle.write("\n\ndef pytest_collection_modifyitems(items):\n"
                     f"    items.sort(key=lambda item: not item.nodeid.startswith({CHEAP_FIRST!r}))\n")
    lines = ["", "[tool.mutmut]"] + [f"{key} = {json.dumps(value)}" for key, value in table.items()]
    with (dest / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def _statuses(dest: Path, files: list[str], mutmut: list[str], env: dict) -> list[tuple[str, str]]:
    """(mutant, status) of this module's mutants, as mutmut last recorded them."""
    out = subprocess.run([*mutmut, "results", "--all", "true"], cwd=dest, env=env,  # noqa: S603 — fixed command
                         check=True, capture_output=True, text=True).stdout
    # Only this module's files: mutants/ may keep results of files an earlier configuration mutated.
    modules = tuple(f.removesuffix(".py").replace("/", ".") + "." for f in files)
    return [m.groups() for m in map(_RESULT.match, out.splitlines()) if m and m.group(1).startswith(modules)]


def run_module(name: str, again: bool = False, only: tuple[str, ...] = ()) -> tuple[int, int, list[str]]:
    """Mutate one module and run its tests: (killed, total, names of the mutants that were not killed).
    ``again``: test the mutants not killed last time once more (after tests were added to the selection's
    files; mutmut keeps a decided result unless the mutant is named); ``only``: those of them whose name
    ends so (``x_carrier_price__mutmut_58``), tested or not, and nothing else."""
    files, tests = MODULES[name]
    dest = WORK / name
    _copy_repository(dest)
    _configure(dest, files, tests)
    if name.startswith("observables"):
        for file in files:
            _undecorate(dest / file)
    mutmut = [str(Path(sys.executable).parent / "mutmut")]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    # Installing the context never runs the checks, the seats or the logins: install once per run, not once
    # per mutant (seconds each); the other modules' code (stock, pricing…) may run while seeding.
    if name.startswith("observables") or name in INSTALL_ONCE:
        env["E5_TEST_INSTALLED_CACHE"] = str(dest / "installed-context")
    # niced (the machine is shared); mutmut's own output is long, the score is printed below.
    # mutmut through scripts/mutmut_stoppable.py: results saved atomically, STOP obeyed between mutants.
    env["E5_MUTATION_STOP"] = os.pathsep.join([str(STOP), str(dest / "STOP")])
    run = ["nice", "-n", "10", sys.executable, str(ROOT / "scripts" / "mutmut_stoppable.py"), "run",
           "--max-children", os.environ.get("MUTATION_CHILDREN", "1")]
    if name in POSTGRES:  # one cluster per mutmut run, stopped and removed when it ends
        run = ["bash", str(ROOT / "scripts" / "with-postgres.sh"), *run]
    known = _statuses(dest, files, mutmut, env) if again and (dest / "mutants").is_dir() else []
    # Named mutants: those only, whatever their last status (mutmut matches « *.name », tested or not).
    # Otherwise survivors first (a few, quick), then the plain run below goes on with those never tested.
    retest = [f"*{name}" for name in only] or [key for key, status in known
                                               if status not in (*KILLED, "not checked")]
    subprocess.run(run + retest, cwd=dest, env=env, check=False,  # noqa: S603 — fixed command
                   stdout=subprocess.DEVNULL)
    if retest and not only and not _stopped(name):  # the survivors retested: then the ones never tested yet
        subprocess.run(run, cwd=dest, env=env, check=False, stdout=subprocess.DEVNULL)  # noqa: S603
    return score(name)


def _stored(name: str) -> dict[str, str]:
    """mutant -> status of a module's last runs (empty if it never ran)."""
    dest = WORK / name
    if name not in MODULES or not (dest / "mutants").is_dir():
        return {}
    mutmut = [str(Path(sys.executable).parent / "mutmut")]
    return dict(_statuses(dest, MODULES[name][0], mutmut, {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}))


def score(name: str) -> tuple[int, int, list[str]]:
    """(killed, total, the mutants not killed) of a module as stored; with its other engine's run
    (BOTH_ENGINES), a mutant counts killed when either run kills it."""
    statuses, other = _stored(name), _stored(BOTH_ENGINES.get(name, ""))
    killed = [key for key, status in statuses.items() if status in KILLED or other.get(key) in KILLED]
    alive = [f"{key} ({status})" for key, status in statuses.items()
             if key not in killed and status != "not checked"]
    untested = sum(key not in killed and status == "not checked" for key, status in statuses.items())
    return len(killed), len(statuses), alive + ([f"{untested} mutants pas encore testés"] if untested else [])


def main(argv: list[str]) -> int:
    """Run the named modules (all of them without argument) and print each score; ``--again`` first tests
    the mutants not killed last time once more (only the mutants named after the module, if any);
    ``--score`` prints the stored scores without running anything."""
    again, stored = "--again" in argv, "--score" in argv  # --score: the stored results, nothing run
    only = tuple("." + a for a in argv if "__mutmut_" in a)  # --again <module> <mutant>…: those only
    names = [a for a in argv if a not in ("--again", "--score") and "__mutmut_" not in a] or list(MODULES)
    unknown = [n for n in names if n not in MODULES]
    if unknown:
        print(f"Modules inconnus : {', '.join(unknown)}. Connus : {', '.join(MODULES)}.", file=sys.stderr)
        return 2
    if STOP.exists() and not stored:  # left by a run stopped earlier (--score runs nothing: left alone)
        STOP.unlink()
    scores = []
    for name in names:
        if STOP.exists():
            print(f"Arrêt demandé ({STOP}) : modules non lancés : {', '.join(names[len(scores):])}.")
            break
        print(f"==> {name} : {', '.join(MODULES[name][0])}", flush=True)
        killed, total, alive = score(name) if stored else run_module(name, again, only)
        for mutant in alive:
            print(f"    survivant {mutant}")
        scores.append((name, killed, total))
        both = f" (tués sur SQLite ou par {BOTH_ENGINES[name]})" if name in BOTH_ENGINES else ""
        print(f"    {name} : {killed}/{total} mutants tués{both}", flush=True)
        if _stopped(name):
            print("    arrêté (fichier STOP) : les mutants non testés le seront au prochain lancement")
    print("\nScore par module :")
    for name, killed, total in scores:
        percent = f"{100 * killed / total:.0f} %" if total else "—"
        print(f"  {name:<22} {killed:>4}/{total:<4} {percent}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
