"""Build hook: an editable install maps the ``reportdiff`` package onto this checkout.

Hatchling cannot map ``compare/`` to ``reportdiff/compare`` in an editable install (a ``sources``
rewrite that adds a prefix is refused there), so the editable wheel gets a ``reportdiff/__init__.py``
whose ``__path__`` is the checkout's root: ``reportdiff.compare`` is then ``./compare``. The
editable wheel leaves the seeds out; ``compare.seeds`` finds them in the checkout.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict) -> None:
        if version != "editable":
            return
        self._tmp = Path(tempfile.mkdtemp(prefix="reportdiff-editable-"))
        init = self._tmp / "__init__.py"
        init.write_text(f"__path__ = [{str(Path(self.root).resolve())!r}]\n", encoding="utf-8")
        # destinations pass through `sources` like every file: "__init__.py" lands at reportdiff/__init__.py
        build_data["force_include_editable"] = {str(init): "__init__.py"}

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        if version == "editable":
            shutil.rmtree(self._tmp, ignore_errors=True)
