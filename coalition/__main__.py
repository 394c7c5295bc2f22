"""Command line: ``python -m coalition validate|export|add-seed|suggest|merge|coverage``.

Exit codes: 0 success, 1 invalid data, 2 bad usage. Besides:

* ``validate drafts/NNN.yaml`` (a file in drafts/, or any file without ``issues:``) checks the draft merged
  in memory into the data file: 0 when it would merge into valid data, 1 with every problem (a
  ``suggested:`` line left, a clash, a quote not found) at its line in the draft or the data file.
* ``merge drafts/NNN.yaml`` exits 0 when the data file now holds the draft's records (and is valid); 1
  when it refused, leaving the data file byte for byte as it was; 2 when the draft is not found.
* ``suggest`` exits 2 when the draft file exists, the article is over the size limit (checked by its
  size before any read) or ``--published`` is outside the dates ``validate`` accepts (same message);
  it exits 1, writing no draft, for an empty article (nothing to draft from). A non-English article is
  only a warning (exit 0). Progress lines go to stderr unless ``--quiet``.
* ``coverage`` is a report and exits 0 whatever it finds.
"""
from __future__ import annotations

import argparse
import sys

from . import cache, export, files, learned, yamlio
from .filters import filter_stances
from .frames import build
from .paths import DEFAULT_DATA, ENV_VAR, data_path, display_path, project_of
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
    v.add_argument("file", nargs="?", help="a draft (drafts/NNN.yaml) to check merged, in memory, into the data "
                                           "file; or a data file (as --data)")
    v.add_argument("--data", help=data_help)
    e = sub.add_parser("export", help="print the stance table (one row per stance and quote)")
    e.add_argument("--data", help=data_help)
    e.add_argument("--format", choices=("csv", "json"), default="csv")
    e.add_argument("--country", action="append", default=[], metavar="ISO3", help="repeat for several")
    e.add_argument("--issue", action="append", default=[], metavar="ID", help="repeat for several")
    e.add_argument("--as-of", metavar="YYYY-MM-DD", help="what was on record that day")
    a = sub.add_parser("add-seed", help="copy a new article into seeds/ under the naming rule NNN_<hash>.txt")
    a.add_argument("article", help="the article as received (UTF-8 text)")
    a.add_argument("--number", metavar="NNN", help="its number (default: one more than the highest in seeds/)")
    a.add_argument("--data", help=data_help + "; its project's seeds/ receives the copy")
    s = sub.add_parser("suggest", help="draft records (YAML) from a new article, for a curator to check and merge")
    s.add_argument("seed", help="the article, e.g. seeds/007_xxxx.txt")
    s.add_argument("--published", required=True, metavar="YYYY-MM-DD", help="the article's publication date")
    s.add_argument("--outlet", help="publication name (default: unknown)")
    s.add_argument("--out", metavar="FILE", help="where to write the draft (default: drafts/<seed name>.yaml)")
    s.add_argument("--force", action="store_true", help="overwrite the draft file if it exists")
    s.add_argument("--id", dest="source_id", help="source id (default: from the file name, e.g. s007)")
    s.add_argument("--data", help=data_help + "; read only, to mark what is already recorded")
    s.add_argument("--quiet", "-q", action="store_true", help="no progress lines on stderr")
    m = sub.add_parser("merge", help="add a reviewed draft's records to the data file (keeps its comments and "
                                     "layout; written only when the result is valid)")
    m.add_argument("draft", help="the reviewed draft, e.g. drafts/007_xxxx.yaml (no `suggested:` line left)")
    m.add_argument("--data", help=data_help)
    c = sub.add_parser("coverage", help="report what the records miss or where they disagree (always exits 0)")
    c.add_argument("--data", help=data_help)
    return p


def _report(problems, stream) -> None:
    for p in problems:
        print(p, file=stream)
    print(f"{len(problems)} problem(s) found.", file=stream)


def cmd_validate(args) -> int:
    from pathlib import Path

    from . import merge

    if args.file:
        given = Path(args.file)
        if not given.is_file():
            return _usage_error("validate", f"{args.file} not found")
        try:
            head = yamlio.read_text(given)
        except yamlio.YamlError:
            head = None  # not readable as a data file either: let the right checker say why
        if merge.is_draft(given, head):
            return _validate_draft(given, data_path(args.data))
        if args.data:
            return _usage_error("validate", "give the data file once: as FILE or as --data")
        args.data = args.file
    path = data_path(args.data)
    try:
        raw = yamlio.read_bytes(path) if path.is_file() else None
    except (OSError, files.FileProblem):
        raw = None
    ds, problems = check(path, raw=raw)
    if problems:
        _report(problems, sys.stderr)
        return 1
    # the app loads this version from the cache instead of checking it again (coalition/cache.py)
    cache.write(path, raw, build(ds))
    gone = cache.drop(raw)
    if gone is not None:  # valid, but records of the last good version are missing: a cut file or a lost merge?
        print(f"warning: {display_path(path)}: {gone.message()}", file=sys.stderr)
    c = ds.counts
    print(f"{display_path(path)}: valid. {c['sources']} sources, {c['issues']} issues, {c['countries']} countries, "
          f"{c['stances']} stances, {c['events']} events, {c['figures']} figures"
          + (f", {c['groups']} counted groups" if c.get("groups") else "")
          + (f", {c['organisations']} organisations" if c.get("organisations") else "") + "; "
          f"{c['quotes']} quotes found word for word in their sources.")
    return 0


def _validate_draft(draft, data) -> int:
    """``validate drafts/NNN.yaml``: the draft merged in memory into ``data``, checked; nothing is written (not
    even the frames cache: this version of the data does not exist yet)."""
    from . import merge

    outcome = merge.check_draft(draft, data)
    if outcome.problems:
        _report(outcome.problems, sys.stderr)
        print(f"{display_path(draft)}: not ready to merge into {display_path(data)} "
              "(lines are the draft's or the data file's own).", file=sys.stderr)
        return 1
    p, c = outcome.plan, outcome.counts
    more = "" if data.resolve() == data_path(None).resolve() else f" --data {display_path(data)}"
    print(f"{display_path(draft)}: valid merged (in memory) into {display_path(data)}: {p.what()}; "
          f"{c['quotes']} quotes found word for word in their sources.")
    print(f"Next: python -m coalition merge {display_path(draft)}{more}")
    return 0


def cmd_merge(args) -> int:
    from pathlib import Path

    from . import merge

    draft, data = Path(args.draft), data_path(args.data)
    if not draft.is_file():
        return _usage_error("merge", f"draft not found: {args.draft}")
    if draft.resolve() == data.resolve():
        return _usage_error("merge", f"{args.draft} is the data file itself; give the draft to merge into it")
    outcome = merge.merge(draft, data)
    if outcome.problems:
        _report(outcome.problems, sys.stderr)
        print(f"Not merged: {display_path(data)} is unchanged. Lines are the draft's or the data file's own; fix "
              f"the draft and run `python -m coalition merge {display_path(draft)}` again.", file=sys.stderr)
        return 1
    print(f"{outcome.plan.summary()}; valid.")
    print(f"Review the change: git diff {display_path(data)}")
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
    table = export.stance_table(filter_stances(frames.stances, args.country, args.issue, args.as_of), frames.sources)
    sys.stdout.write(export.to_csv(table) if args.format == "csv" else export.to_json(table) + "\n")
    return 0


def _usage_error(command: str, message: str) -> int:
    print(f"python -m coalition {command}: error: {message}", file=sys.stderr)
    return 2


def _article_too_large(path) -> str | None:
    """Why an article is refused before it is read: over files.MAX_SEED_BYTES by ``stat`` (a size, not a read,
    so a 5 GB file is answered at once). Other file problems are left to files.read_seed."""
    import os
    import stat

    try:
        st = os.stat(path)
    except OSError:
        return None
    if stat.S_ISREG(st.st_mode) and st.st_size > files.MAX_SEED_BYTES:
        mb = 1024 * 1024
        return (f"{path} is {st.st_size / mb:,.1f} MB ({st.st_size:,} bytes), over the limit of "
                f"{files.MAX_SEED_BYTES / mb:.0f} MB ({files.MAX_SEED_BYTES:,} bytes) for an article; it is not "
                f"read. A news article is rarely over 100 KB: check that this is the article, as text")
    return None


def cmd_suggest(args) -> int:
    import datetime as dt
    import inspect
    from pathlib import Path

    from . import language
    from . import suggest as sg
    from .gazetteer import GazetteerError
    from .validate import date_out_of_range

    def say(phase: str) -> None:  # progress on stderr, so stdout stays the summary
        if not args.quiet:
            print(f"suggest: {phase}\u2026", file=sys.stderr, flush=True)

    seed = Path(args.seed)
    try:
        published = dt.date.fromisoformat(args.published)
    except ValueError:
        return _usage_error("suggest", f"--published {args.published!r} is not a date YYYY-MM-DD")
    wrong = date_out_of_range(published)  # the validator's own rule and words for a source's `published`
    if wrong:
        return _usage_error("suggest", f"--published {wrong}")
    if not seed.exists():
        return _usage_error("suggest", f"article not found: {seed}")
    too_large = _article_too_large(seed)
    if too_large:
        return _usage_error("suggest", too_large)
    say(f"reading {seed}")
    try:  # the same checks as every seed (a regular file, the size limit, UTF-8); anywhere, as it is new
        text = files.read_seed(seed)
    except files.FileProblem as exc:
        return _usage_error("suggest", exc.message)
    if not text.strip():
        print(f"python -m coalition suggest: warning: {seed} is empty" + (" (only white space)" if text else "")
              + ": there is nothing to suggest from; no draft written.", file=sys.stderr)
        return 1
    lang = language.guess(text)
    if lang:
        print(f"python -m coalition suggest: warning: {lang.message(str(seed))}", file=sys.stderr)
    data = data_path(args.data)
    out = Path(args.out) if args.out else sg.default_out(seed)
    protected = {data.resolve(), DEFAULT_DATA.resolve(), seed.resolve()}
    if out.resolve() in protected or out.resolve().parent.name == "seeds":
        return _usage_error("suggest", f"refusing to write a draft to {display_path(out)}: drafts never "
                                       f"replace the data or an article, nor go into seeds/")
    if out.exists() and not args.force:
        return _usage_error("suggest", f"{display_path(out)} already exists; not overwriting it "
                                       f"(use --force to replace it, or --out FILE)")
    file_field, where = sg.file_field(seed, project_of(data))
    kwargs = {}
    if "progress" in inspect.signature(sg.suggest).parameters:
        kwargs["progress"] = say  # suggest() names its phases: finding names, stances, events, figures
    else:
        say("finding names, stances, events, figures")
    try:
        draft = sg.suggest(text, published, file_field, source_id=args.source_id, outlet=args.outlet,
                           data_file=data, **kwargs)
    except GazetteerError as exc:
        print(f"python -m coalition suggest: the gazetteer is unusable:\n{exc}", file=sys.stderr)
        return 1
    except learned.ModelError as exc:
        print(f"python -m coalition suggest: the learned stance model is unusable:\n{exc}", file=sys.stderr)
        return 1
    if where:
        draft.warnings.insert(0, where)
    if lang:  # also in the draft's header, for whoever opens it later
        draft.warnings.insert(0, lang.message("the article"))
    say(f"writing {display_path(out)}")
    try:
        written = sg.write(sg.render(draft, display_path(out)), out, force=args.force)
    except FileExistsError:
        return _usage_error("suggest", f"{display_path(out)} already exists; not overwriting it")
    print(f"Wrote {display_path(written)} (a draft: nothing in the data has changed).")
    print(sg.summary(draft))
    print("Next: check and edit the draft, delete each `suggested:` line, then "
          f"`python -m coalition validate {display_path(written)}` and "
          f"`python -m coalition merge {display_path(written)}` (README: Curation workflow).")
    return 0


def cmd_add_seed(args) -> int:
    """Copy an article, byte for byte, to seeds/NNN_<first 16 hex of its SHA-256>.txt; print its source block."""
    import hashlib
    import os
    import re
    from pathlib import Path

    from .validate import SEED_NAME

    article = Path(args.article)
    try:  # the checks every seed gets: a regular file, under the size limit, UTF-8
        text = files.read_seed(article)
    except files.FileProblem as exc:
        return _usage_error("add-seed", exc.message)
    if not text.strip():
        return _usage_error("add-seed", f"{args.article} is empty: there is no article to add")
    seeds = project_of(data_path(args.data)) / "seeds"
    if not seeds.is_dir():
        return _usage_error("add-seed", f"no seeds/ folder beside the data file ({display_path(seeds)})")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    taken = {}
    for p in seeds.iterdir():
        m = SEED_NAME.match(f"seeds/{p.name}")
        if m:
            taken[int(m.group(1))] = p
            if m.group(2) == digest[:16]:
                return _usage_error("add-seed", f"this article is already in seeds/ as {p.name}")
    if args.number is not None:
        if not re.fullmatch(r"\d{3,}", args.number):
            return _usage_error("add-seed", f"--number {args.number!r} is not a number of 3 or more digits (e.g. 007)")
        number = args.number
        if int(number) in taken:
            return _usage_error("add-seed", f"number {number} is taken by {taken[int(number)].name}")
    else:
        number = f"{max(taken, default=-1) + 1:03d}"
    name = f"{number}_{digest[:16]}.txt"
    try:  # exclusive: never replaces a file
        fd = os.open(seeds / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError as exc:
        return _usage_error("add-seed", f"cannot write seeds/{name} ({exc.strerror})")
    with os.fdopen(fd, "wb") as out:
        out.write(text.encode("utf-8"))
    print(f"Copied {args.article} to seeds/{name} (unchanged; never edit it).")
    print("Its source block, for data/coalition.yaml (fill in the outlet, title, dates and how you know them):\n")
    print(f"  - id: s{number}\n    file: seeds/{name}\n    sha256: {digest}\n    outlet: unknown\n"
          f"    published: \"YYYY-MM-DD\"\n    published_basis: \"how the date is known\"")
    print(f"\nNext: python -m coalition suggest seeds/{name} --published YYYY-MM-DD")
    return 0


def cmd_coverage(args) -> int:
    from . import coverage
    from .gazetteer import GazetteerError

    path = data_path(args.data)
    ds, problems = check(path)
    if problems:
        _report(problems, sys.stderr)
        print(f"coverage: {display_path(path)} is not valid, so there is nothing to report on; "
              f"fix it first (python -m coalition validate).")
        return 0
    try:
        cov = coverage.report(build(ds))
    except GazetteerError as exc:
        print(f"coverage: the gazetteer is unusable, so names cannot be checked:\n{exc}", file=sys.stderr)
        return 0
    print(f"Coverage of {display_path(path)} against its {len(ds.texts)} seed(s):")
    print(cov.to_text())
    return 0


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    return {"validate": cmd_validate, "export": cmd_export, "add-seed": cmd_add_seed, "suggest": cmd_suggest,
            "merge": cmd_merge, "coverage": cmd_coverage}[args.command](args)


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except BrokenPipeError:  # e.g. `python -m coalition export | head`: the reader left; not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(0) from None
