"""Phase 1, spec: the brief becomes a structured, validated Spec."""

from __future__ import annotations

from ..config import Context
from ..errors import InputError, TemplateError
from ..models import Brief, Spec
from ..templates import load_templates


def run(ctx: Context, brief: Brief, template: str | None = None) -> Spec:
    name = template or brief.template
    if name is not None and name not in load_templates():
        raise TemplateError(f"unknown template {name!r}; choose one of: {', '.join(sorted(load_templates()))}")
    ctx.report("spec", 0.1, f"writing the spec with {ctx.providers.spec.name}")
    spec = ctx.providers.spec.write_spec(ctx, brief, name)
    if not isinstance(spec, Spec):
        raise InputError("the spec writer returned something that is not a Spec")
    ctx.report("spec", 1.0, f"{spec.template}: {len(spec.beats)} beats")
    return spec
