"""Command line: ``python -m coalition validate|export``.

Exit codes: 0 success, 1 invalid data, 2 bad usage.
"""
from __future__ import annotations

import argparse
import sys

from . import export
from .filters import filter_stances
from .frames import build
from .paths import ENV_VAR, display_path, data_path
from .validate import check, iso3_name


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits 2 on usage errors; keep that, say it plainly
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m coalition", description="Validate and export the Coalition Tracker records.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    data_help = f"the YAML data file (default: ${ENV_VAR} or data/coalition.yaml)"
    v = sub.add_parser("validate", help="check every record and every quote; exit 1 on any problem")
    v.add_argument("--data", help=data_help)
    e = sub.add_parser("export", help="print the stance table (one row per stance and quote)")
    e.add_argument("--data", help=data_help)
    e.add_argument("--format", choices=("csv", "json"), default="csv")
    e.add_argument("--country", action="append", default=[], metavar="ISO3", help="repeat for several")
    e.add_argument("--issue", action="append", default=[], metavar="ID", help="repeat for several")
    e.add_argument("--as-of", metavar="YYYY-MM-DD", help="what was on record that day")
    return p


def _report(problems, stream) -> None:
    for p in problems:
        print(p, file=stream)
    print(f"{len(problems)} problem(s) found.", file=stream)


def cmd_validate(args) -> int:
    path = data_path(args.data)
    ds, problems = check(path)
    if problems:
        _report(problems, sys.stderr)
        return 1
    c = ds.counts
    print(f"{display_path(path)}: valid. {c['sources']} sources, {c['issues']} issues, {c['countries']} countries, "
          f"{c['stances']} stances, {c['events']} events, {c['figures']} figures; "
          f"{c['quotes']} quotes found word for word in their sources.")
    return 0


def cmd_export(args) -> int:
    import datetime as dt

    bad = [c for c in args.country if iso3_name(c) is None]
    if bad:
        print(f"python -m coalition export: error: not ISO 3166-1 alpha-3 code(s): {', '.join(bad)}", file=sys.stderr)
        return 2
    if args.as_of:
        try:
            dt.date.fromisoformat(args.as_of)
        except ValueError:
            print(f"python -m coalition export: error: --as-of {args.as_of!r} is not a date YYYY-MM-DD",
                  file=sys.stderr)
            return 2
    ds, problems = check(data_path(args.data))
    if problems:
        _report(problems, sys.stderr)
        return 1
    frames = build(ds)
    unknown = sorted(set(args.issue) - set(frames.issues["issue"]))
    if unknown:
        print(f"python -m coalition export: error: unknown issue(s): {', '.join(unknown)} "
              f"(known: {', '.join(frames.issues['issue'])})", file=sys.stderr)
        return 2
    table = export.stance_table(filter_stances(frames.stances, args.country, args.issue, args.as_of))
    sys.stdout.write(export.to_csv(table) if args.format == "csv" else export.to_json(table) + "\n")
    return 0


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    return {"validate": cmd_validate, "export": cmd_export}[args.command](args)


if __name__ == "__main__":
    raise SystemExit(main())
