"""Command palette: every key-bound action of the current screen that can run now."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class ActionCommands(Provider):
    """Offers the active bindings (screen and app) by their descriptions; disabled ones are left out."""

    def _commands(self) -> list[tuple[str, str, object]]:
        seen: set[str] = set()
        out = []
        for key, active in self.screen.active_bindings.items():
            b = active.binding
            if not b.description or not active.enabled or b.action in seen:
                continue
            if b.action.startswith("command_palette"):
                continue
            seen.add(b.action)
            display = self.app.get_key_display(b)
            out.append((b.tooltip or b.description, display, partial(self.app.run_action, b.action, active.node)))
        return out

    async def discover(self) -> Hits:
        for name, key, run in self._commands():
            yield DiscoveryHit(name, run, help=f"key: {key}")  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, key, run in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, text=name, help=f"key: {key}")  # type: ignore[arg-type]
