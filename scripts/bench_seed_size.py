"""How the curation checks grow with the length of one article: validate, the Sources page's coverage
of that source, and quote search, for a seed grown to each size (CPU seconds; prints a table).

    python scripts/bench_seed_size.py                 # 25 KB, 100 KB, 1 MB
    python scripts/bench_seed_size.py --sizes 50,2000 # sizes in KB (the limit for a seed is 2 MB)
    python scripts/bench_seed_size.py --flat          # the article as one paragraph (no line breaks)

The seed ``000`` of the frozen fixture (tests/fixtures/frozen) is repeated, with the other seed between
copies, until it reaches the size; every record still quotes it word for word. Run in a temporary
project, with the frames cache off; nothing in the repository is touched.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["COALITION_CACHE"] = "off"

import coalition  # noqa: E402
from coalition import coverage, files, quotes  # noqa: E402

FROZEN = ROOT / "tests" / "fixtures" / "frozen"
SEED = "000_3b4eb8e4f72c0423.txt"


def grown_project(base: Path, size: int, flat: bool) -> Path:
    shutil.copytree(FROZEN / "seeds", base / "seeds")
    (base / "data").mkdir()
    shutil.copy(FROZEN / "data" / "coalition.yaml", base / "data" / "coalition.yaml")
    text = (base / "seeds" / SEED).read_text(encoding="utf-8")
    filler = "\n\n" + (base / "seeds" / "004_87bcee758dff4290.txt").read_text(encoding="utf-8") + "\n\n" + text
    if flat:
        filler = filler.replace("\n", " ")
    out = [text]
    n = len(text.encode())
    while n < size:
        out.append(filler)
        n += len(filler.encode())
    (base / "seeds" / SEED).write_text("".join(out)[:size], encoding="utf-8")
    return base / "data" / "coalition.yaml"


def cpu(fn, *args):
    t = time.process_time()
    out = fn(*args)
    return out, time.process_time() - t


def measure(size: int, flat: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix="seed-size-") as tmp:
        path = grown_project(Path(tmp), size, flat)
        quotes._index.cache_clear()
        (ds, problems), t_validate = cpu(coalition.check, path)
        if problems:
            raise SystemExit(f"the grown data does not validate: {problems[:3]}")
        frames = coalition.build(ds)
        _, t_cov = cpu(coverage.source_report, frames, "s000")
        text = frames.texts["s000"]
        _, t_q = cpu(lambda: [quotes.locate(c, text) for c in "abcdefghijklmnopqrst"])
        _, t_miss = cpu(quotes.closest_passage, "a sentence that is in no article at all, anywhere", text, 160, 0.25)
    return {"size": size, "validate": t_validate, "coverage": t_cov, "one_letter": t_q, "hint": t_miss,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="25,100,1024", help="seed sizes in KB, comma-separated")
    p.add_argument("--flat", action="store_true", help="the grown article as one paragraph")
    a = p.parse_args(argv)
    sizes = [int(float(s) * 1024) for s in a.sizes.split(",")]
    if max(sizes) > files.MAX_SEED_BYTES:
        print(f"note: seeds over {files.MAX_SEED_BYTES // 1024} KB are refused by the validator", file=sys.stderr)
    print("| seed | validate (CPU s) | coverage of the source (CPU s) | 20 one-letter quotes (CPU s) "
          "| closest-passage hint, budget 0.25 s | peak RSS (MB) |")
    print("|---|---|---|---|---|---|")
    for size in sizes:
        r = measure(size, a.flat)
        print(f"| {size / 1024:,.0f} KB | {r['validate']:.2f} | {r['coverage']:.2f} | {r['one_letter']:.3f} "
              f"| {r['hint']:.2f} | {r['rss_mb']:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
