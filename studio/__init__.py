"""AdStudio's studio: a Gradio Blocks UI and a named HTTP API over the `pipeline` package.

`studio.app.build_app(settings)` is the composition root; `python app.py` serves it.
The pipeline never imports this package (nor gradio)."""

from __future__ import annotations

__all__ = ["build_app"]


def build_app(settings=None):
    from .app import build_app as _build

    return _build(settings)
