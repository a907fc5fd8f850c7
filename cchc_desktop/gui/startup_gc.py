"""Garbage collection around the window's start-up.

Starting the window makes some 55,000 Python objects that live as long as it does (modules,
Qt's enum classes, the catalogue, the widgets' wrappers). Collecting cycles while they pile up
slows the first paint down, and every later full collection walks them all again, at a moment
nobody chooses (while the clerk types, perhaps). So collection is paused while the window
starts (from the import of this module, the first of cchc_desktop.gui.app), and once it has
painted the survivors are moved out of the collector's way (``gc.freeze``) before collection
resumes. Cycles among them that are dropped later are never collected (a window rebuilt for
another language leaves its old wrappers behind, a few hundred kilobytes).
"""

from __future__ import annotations

import gc

_state = {"paused": False}


def pause() -> None:
    """Stop collecting cycles until settle() (nothing happens if collection is off anyway)."""
    if gc.isenabled():
        gc.disable()
        _state["paused"] = True


def settle(collect: bool = False) -> None:
    """End a pause: with ``collect``, free the cycles already dropped (a few dozen objects);
    set every object made so far aside for good; collect again from now on. Harmless when
    called twice or without a pause."""
    if not _state["paused"]:
        return
    _state["paused"] = False
    if collect:
        gc.collect()
    gc.freeze()
    gc.enable()


pause()  # the imports of the window's modules follow this one
