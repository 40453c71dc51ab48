"""Loading one compiled module of an installed package without running the package's ``__init__``.

Two packages the core uses do far more on import than the core needs: ``import rjieba``
builds a tokenizer of jieba's whole dictionary, and ``import scipy.optimize`` imports most of
SciPy (0.5-0.6 s) where only the assignment solver, one extension module, is wanted. The
module is registered in ``sys.modules`` under its full name, so a later ordinary import of
the package reuses it.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def load_extension(package: str, module: str) -> ModuleType:
    """The compiled module ``package.module`` (e.g. ``"scipy.optimize"``, ``"_lsap"``), loaded
    on its own; ImportError when the package or the module's file is not found."""
    name = f"{package}.{module}"
    loaded = sys.modules.get(name)
    if loaded is not None:
        return loaded
    top, *inner = package.split(".")
    spec = importlib.util.find_spec(top)  # finds the top package without running it
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = Path(folder, *inner, f"{module}{suffix}")
            if path.is_file():
                loader = importlib.machinery.ExtensionFileLoader(name, str(path))
                mod = importlib.util.module_from_spec(importlib.util.spec_from_loader(name, loader))
                loader.exec_module(mod)
                sys.modules[name] = mod
                return mod
    raise ImportError(f"{name} is not installed")
