"""Ad templates: JSON files in ad_templates/ that give an ad its structure.

A template is validated when loaded; a broken file raises TemplateError naming the file and
the field. Adding a template means dropping a valid JSON file in the folder.
"""

from __future__ import annotations

import json
import math
import string
from functools import lru_cache
from pathlib import Path

from pydantic import Field, ValidationError, field_validator, model_validator

from .config import TEMPLATES_DIR
from .errors import TemplateError, describe_validation_error
from .models import MAX_BEATS, CameraMove, ShotType, Strict, TextRole, Transition

# Placeholders a prompt or text template may use; anything else is a typo in the file.
PLACEHOLDERS = frozenset(
    {"product", "brand", "category", "tagline", "aesthetic", "mood", "lighting", "setting",
     "palette", "cta", "feature", "headline"}
)


def _check_placeholders(value: str) -> str:
    for _, field_name, _, _ in string.Formatter().parse(value):
        if field_name is not None and field_name not in PLACEHOLDERS:
            raise ValueError(
                f"unknown placeholder {{{field_name}}}; use one of "
                + ", ".join(sorted(f"{{{p}}}" for p in PLACEHOLDERS))
            )
    return value


class TemplateBeat(Strict):
    name: str = Field(pattern=r"^[a-z0-9_]+$")
    start: float = Field(ge=0)
    duration: float = Field(gt=0)
    shot_type: ShotType
    action: str
    prompt_template: str
    camera_movement: CameraMove
    text_role: TextRole = "none"
    text_template: str = ""

    _placeholders = field_validator("prompt_template", "text_template")(
        classmethod(lambda cls, v: _check_placeholders(v))
    )


class TemplateAudio(Strict):
    music_style: str
    tempo_bpm: float = Field(ge=60, le=180)
    mood: str


class TemplateGrading(Strict):
    lut: str = Field(pattern=r"^[a-z0-9_]+(\.cube)?$")
    contrast: float = Field(default=1.0, ge=0.5, le=1.6)
    saturation: float = Field(default=1.0, ge=0.0, le=2.0)

    @property
    def lut_name(self) -> str:
        return self.lut.removesuffix(".cube")


class Template(Strict):
    name: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str
    description: str
    default_duration: float = Field(ge=5, le=120)
    keywords: tuple[str, ...] = ()
    setting: str = "a minimal studio"
    beats: tuple[TemplateBeat, ...] = Field(min_length=1, max_length=MAX_BEATS)
    transitions: tuple[Transition, ...]
    audio: TemplateAudio
    color_grading: TemplateGrading

    @model_validator(mode="after")
    def _timeline(self) -> "Template":
        t = 0.0
        for i, b in enumerate(self.beats):
            if not math.isclose(b.start, t, abs_tol=1e-6):
                raise ValueError(f"beats[{i}].start is {b.start}, expected {t} (beats must be contiguous)")
            t += b.duration
        if not math.isclose(t, self.default_duration, abs_tol=1e-6):
            raise ValueError(f"beat durations sum to {t}, default_duration is {self.default_duration}")
        if len(self.transitions) != len(self.beats) - 1:
            raise ValueError(f"{len(self.beats)} beats need {len(self.beats) - 1} transitions")
        if self.beats[-1].text_role != "cta":
            raise ValueError("the last beat must have text_role 'cta' (the call to action)")
        return self


def load_template_file(path: Path) -> Template:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TemplateError(f"template file {path.name} does not exist") from None
    except json.JSONDecodeError as exc:
        raise TemplateError(f"{path.name}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    try:
        template = Template.model_validate(data)
    except ValidationError as exc:
        raise TemplateError(describe_validation_error(exc, f"template {path.name}")) from None
    if template.name != path.stem:
        raise TemplateError(f"{path.name}: name is {template.name!r}; it must match the file name {path.stem!r}")
    return template


@lru_cache(maxsize=8)
def _load_dir(folder: str, stamp: tuple[tuple[str, float], ...]) -> dict[str, Template]:
    return {Path(p).stem: load_template_file(Path(p)) for p, _ in stamp}


def load_templates(folder: Path = TEMPLATES_DIR) -> dict[str, Template]:
    """All templates in a folder, validated. Cached until a file changes."""
    files = sorted(Path(folder).glob("*.json"))
    if not files:
        raise TemplateError(f"no templates found in {folder}; add at least one *.json file")
    stamp = tuple((str(p), p.stat().st_mtime) for p in files)
    return _load_dir(str(folder), stamp)


def get_template(name: str, folder: Path = TEMPLATES_DIR) -> Template:
    templates = load_templates(folder)
    if name not in templates:
        raise TemplateError(f"unknown template {name!r}; choose one of: {', '.join(sorted(templates))}")
    return templates[name]
