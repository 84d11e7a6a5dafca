"""Side jobs of a build: output that needs only the catalog, made in parallel.

Feeds and open data depend on the validated activities alone, not on MkDocs'
pages. On ``mkdocs build`` with more than one CPU they are written by a
forked child process while MkDocs renders the pages, and the build waits for
it in ``on_post_build``. Everywhere else (``mkdocs serve``, whose live-reload
server runs threads; one CPU; no ``os.fork``; ``BUILD_PARALLEL=0``) the job
runs in the build process itself. The files are the same byte for byte: the
child runs the same code on the same catalog.

The child never logs and leaves with ``os._exit``; a failure comes back as a
Dutch message through a pipe and fails the build.

A job may hand over one intermediate result early with :meth:`SideJob.announce`
(the feeds' sizes, which pages show, before the files are written); the build
reads it with :meth:`SideJob.announced`, which waits only for that, not for
the whole job.
"""

from __future__ import annotations

import gc
import os
import tempfile
import traceback
from typing import Callable

ENV_SWITCH = "BUILD_PARALLEL"


def cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def parallel_for(command: str | None) -> bool:
    """Fork only for a one-shot build, never in ``serve`` or when the command is unknown.

    ``BUILD_PARALLEL=0`` never forks, ``1`` forks even on one CPU (tests),
    unset forks when there is more than one CPU.
    """
    switch = os.environ.get(ENV_SWITCH, "").strip()
    if command not in ("build", "gh-deploy") or not hasattr(os, "fork") or switch == "0":
        return False
    return switch == "1" or cpus() > 1


class SideJob:
    """One job: started once per build, joined once; the result is a short report."""

    def __init__(self, what: str = "feeds en open data") -> None:
        self.what = what  # named in the message when the child dies
        self.pid: int | None = None
        self.pipe: int | None = None
        self.result: str | None = None  # report of a job run in this process
        self.error: str | None = None
        self._early: bytes | None = None  # announced by a job run in this process (or read from the child)
        self._early_read: int | None = None  # parent: pipe that says "announced" (or closes)
        self._early_write: int | None = None  # child: its end of that pipe
        self._early_file = None  # an unnamed file both processes share: the announced bytes

    def start(self, job: Callable[[], str], parallel: bool) -> None:
        """Run ``job`` (returns a report line) in a child process, or here and now."""
        self.cancel()
        self._close_early()
        self.result = self.error = self._early = None
        if not parallel:
            self._run_here(job)
            return
        read, write = os.pipe()
        early_read, early_write = os.pipe()
        early_file = tempfile.TemporaryFile()
        # The child shares the parent's memory until either writes to it. Python's garbage
        # collector writes into every object it visits; frozen objects are left alone by both
        # processes' collections, so far fewer pages are copied (the docs of gc.freeze).
        gc.freeze()
        try:
            pid = os.fork()
        except OSError:  # no process to spare: do the job here
            for fd in (read, write, early_read, early_write):
                os.close(fd)
            early_file.close()
            self._run_here(job)
            return
        if pid == 0:  # the child: do the job, report through the pipe, never return
            os.close(read)
            os.close(early_read)
            self._early_write, self._early_file = early_write, early_file
            status = 0
            try:
                message = "ok:" + job()
            except BaseException as error:  # noqa: BLE001 - everything goes back to the parent
                message = "fout:" + _describe(error)
                status = 1
            try:
                os.write(write, message.encode("utf-8", "replace"))
            finally:
                os._exit(status)
        os.close(write)
        os.close(early_write)
        self.pid, self.pipe = pid, read
        self._early_read, self._early_file = early_read, early_file

    def announce(self, data: bytes) -> None:
        """Called by the job: hand ``data`` to the build now (once), before the job ends."""
        if self._early_write is None:  # run in this process
            self._early = data
            return
        self._early_file.write(data)
        self._early_file.flush()
        os.write(self._early_write, b"1")
        os.close(self._early_write)
        self._early_write = None

    def announced(self) -> bytes | None:
        """What the job announced; waits for it. None when it ended (or failed) without announcing."""
        if self._early_read is not None:
            signal = os.read(self._early_read, 1)  # b"" when the child ended without announcing
            os.close(self._early_read)
            self._early_read = None
            if signal:
                self._early_file.seek(0)
                self._early = self._early_file.read()
            self._early_file.close()
            self._early_file = None
        return self._early

    def _close_early(self) -> None:
        if self._early_read is not None:
            os.close(self._early_read)
            self._early_read = None
        if self._early_file is not None:
            self._early_file.close()
            self._early_file = None

    def _run_here(self, job: Callable[[], str]) -> None:
        try:
            self.result = job()
        except Exception as error:  # reported at join, like a child's failure
            self.error = _describe(error)

    def join(self) -> tuple[str | None, str | None]:
        """Wait for the job; (report, error message)."""
        if self.pid is None:
            result, error = self.result, self.error
            self.result = self.error = None
            return result, error
        chunks = []
        while True:
            chunk = os.read(self.pipe, 65536)
            if not chunk:
                break
            chunks.append(chunk)
        os.close(self.pipe)
        _, status = os.waitpid(self.pid, 0)
        self.pid = self.pipe = None
        self._close_early()
        message = b"".join(chunks).decode("utf-8", "replace")
        if message.startswith("ok:") and os.waitstatus_to_exitcode(status) == 0:
            return message[3:], None
        if message.startswith("fout:"):
            return None, message[5:]
        return None, f"het proces voor {self.what} stopte onverwacht (status {status})."

    def cancel(self) -> None:
        """Stop a running child (the build failed elsewhere) and reap it."""
        if self.pid is None:
            return
        try:
            os.kill(self.pid, 15)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.pipe)
        self.pid = self.pipe = None
        self._close_early()


def _describe(error: BaseException) -> str:
    where = traceback.extract_tb(error.__traceback__)[-1:] if error.__traceback__ else []
    place = f" in {where[0].filename.rsplit('/', 1)[-1]}:{where[0].lineno}" if where else ""
    return f"{type(error).__name__}: {error}{place}"
