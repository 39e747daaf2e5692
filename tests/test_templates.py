"""Templates: every shipped file validates; a broken one names the file and the field;
adding a template is dropping a JSON file in the folder."""

import json
import shutil

import pytest

from pipeline.config import TEMPLATES_DIR
from pipeline.errors import TemplateError
from pipeline.templates import load_template_file, load_templates


def test_shipped_templates_validate():
    templates = load_templates()
    assert {"product_showcase", "lifestyle_ad", "announcement"} <= set(templates)
    for name, t in templates.items():
        assert sum(b.duration for b in t.beats) == t.default_duration
        assert len(t.transitions) == len(t.beats) - 1
        assert t.beats[-1].text_role == "cta", name


def _copy(tmp_path, mutate):
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, folder)
    path = folder / "product_showcase.json"
    data = json.loads(path.read_text())
    mutate(data)
    path.write_text(json.dumps(data))
    return folder, path


def test_broken_template_names_file_and_field(tmp_path):
    folder, path = _copy(tmp_path, lambda d: d["beats"][1].update(camera_movement="barrel_roll"))
    with pytest.raises(TemplateError) as err:
        load_template_file(path)
    assert "product_showcase.json" in str(err.value) and "beats.1.camera_movement" in str(err.value)


def test_unknown_placeholder_is_reported(tmp_path):
    folder, path = _copy(tmp_path, lambda d: d["beats"][0].update(prompt_template="{prodcut} on a table"))
    with pytest.raises(TemplateError, match="prodcut"):
        load_template_file(path)


def test_invalid_json_names_the_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"name": "bad",\n "beats": [}')
    with pytest.raises(TemplateError, match=r"bad.json: not valid JSON \(line 2"):
        load_template_file(path)


def test_dropping_a_file_adds_a_template(tmp_path):
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, folder)
    data = json.loads((folder / "announcement.json").read_text())
    data["name"] = "holiday_special"
    data["keywords"] = ["holiday", "christmas"]
    (folder / "holiday_special.json").write_text(json.dumps(data))
    assert "holiday_special" in load_templates(folder)
