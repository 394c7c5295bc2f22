"""Opening the project's files with the same care everywhere: seeds and data files.

Every reader of a seed goes through ``read_seed`` (the validator, the frames cache's check of a
cached version, ``suggest``; the Sources page and ``coverage`` read the texts these produced), and
every reader of a YAML file through ``read_regular``. A file is read only when it is

* a **regular file**: a named pipe would block the reader forever and a device (``/dev/zero``)
  never ends, so the file is opened without blocking and checked with ``fstat`` before any read;
* **inside the project** (seeds): the path, every link in it resolved, must stay under the data
  file's project, so neither a seed linked to ``/etc/passwd`` nor ``seeds/`` linked to a folder
  elsewhere is read;
* **under a size limit**, and read with that bound even if the file grows meanwhile.

Problems are ``FileProblem`` with a message fit for a curator, naming the file as the data file
does (``seeds/x.txt``), never an absolute path of the server.
"""
from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

MAX_SEED_BYTES = 2 * 1024 * 1024  # a long article is ~100 KB; 2 MB leaves room and bounds every reader
_MB = 1024 * 1024


class FileProblem(Exception):
    """A file that is not read, and why (``message`` is for people)."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def _size(n: int) -> str:
    return f"{n / _MB:.1f} MB" if n >= _MB / 10 else f"{n:,} bytes"


def read_regular(path: str | os.PathLike, limit: int, name: str | None = None, follow: bool = True,
                 truncate: bool = False) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; FileProblem otherwise (never blocks).

    ``name``: how messages call the file (default: the path as given). ``follow=False`` refuses a
    symbolic link as the last part of the path (for paths already resolved). ``truncate``: a larger
    file is no problem here: its first ``limit + 1`` bytes are returned, for the caller to refuse.
    """
    shown = name or str(path)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | (0 if follow else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileProblem(f"{shown} not found") from None
    except OSError as exc:
        raise FileProblem(f"{shown} cannot be opened ({exc.strerror})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = ("a named pipe" if stat.S_ISFIFO(st.st_mode) else "a folder" if stat.S_ISDIR(st.st_mode)
                    else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "not a plain file")
            raise FileProblem(f"{shown} is {kind}, not a regular file; it is not read")
        if st.st_size > limit and not truncate:
            raise FileProblem(f"{shown} is {_size(st.st_size)}, over the limit of {_size(limit)}; it is not read")
        os.set_blocking(fd, True)
        chunks, left = [], limit + 1  # one byte more than allowed tells a file that grew past the limit
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit and not truncate:
            raise FileProblem(f"{shown} is over the limit of {_size(limit)}; it is not read")
        return data
    except OSError as exc:
        raise FileProblem(f"{shown} cannot be read ({exc.strerror})") from None
    finally:
        os.close(fd)


def seed_path(file: str, root: str | os.PathLike) -> Path:
    """Where a source's ``file:`` leads: inside the project ``root`` with every link resolved, or FileProblem."""
    root = Path(root).resolve()
    if not isinstance(file, str) or not file.strip():
        raise FileProblem(f"seed file {file!r} is not a file name")
    if Path(file).is_absolute() or "\x00" in file:
        raise FileProblem(f"{file!r} must be a path inside the project, relative to it (e.g. seeds/x.txt)")
    path = (root / file).resolve()
    if not path.is_relative_to(root):
        raise FileProblem(f"{file!r} must be a path inside the project: it leads outside it (through '..' or a "
                          "link); copy the article into seeds/ instead")
    return path


def read_seed(file: str | os.PathLike, root: str | os.PathLike | None = None,
              limit: int = MAX_SEED_BYTES) -> str:
    """The text of a seed: ``file`` as a source's ``file:`` names it, inside the project ``root``.

    With ``root=None`` (``suggest``, given an article anywhere) only the file checks apply. Raises
    FileProblem: outside the project, missing, not a regular file, over ``limit``, not UTF-8.
    """
    shown = f"seed file {str(file)!r}"
    if root is None:
        path, follow = Path(file), True
    else:
        path, follow = seed_path(str(file), root), False
    data = read_regular(path, limit, name=shown, follow=follow)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileProblem(f"{shown} is not UTF-8 text (byte {exc.start:,})") from None


def seed_digest(file: str, root: str | os.PathLike) -> str | None:
    """SHA-256 of a seed's bytes as ``read_seed`` reads them, or None when it would not be read."""
    try:
        return hashlib.sha256(read_seed(file, root).encode("utf-8")).hexdigest()
    except FileProblem:
        return None
