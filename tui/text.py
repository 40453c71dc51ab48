"""Interface text helpers shared by the screens: translated key bindings and labels.

Key descriptions are written in English and marked with ``N_`` in each class's ``BINDINGS``
(class attributes exist before the interface language is chosen); ``localise_bindings``
gives a node its own copy translated into the language in use.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from reportdiff.compare.i18n import _


def help_text(binding) -> str:
    """What a binding does, in words for the help screen (the footer may use a shorter one)."""
    return _(binding.tooltip or binding.description)


def localise_bindings(node: DOMNode) -> None:
    """Translate the descriptions of ``node``'s bindings (its own copy) into the language in use."""
    bindings = node._bindings
    bindings.key_to_bindings = {
        key: [
            replace(b, description=_(b.description) if b.description else "", tooltip=_(b.tooltip) if b.tooltip else "")
            for b in group
        ]
        for key, group in bindings.key_to_bindings.items()
    }
