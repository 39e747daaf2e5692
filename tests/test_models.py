"""The contracts reject what later phases could not handle, and say which field is wrong."""

import pytest
from pydantic import ValidationError

from pipeline.errors import InputError, describe_validation_error
from pipeline.models import (MAX_BEAT_PROMPT_CHARS, MAX_BEAT_TEXT_CHARS, MAX_ID_CHARS, MAX_PROMPT_CHARS, Brief, Spec,
                             check_text, project_name)
from pipeline.providers.local.spec_writer import write_spec
from pipeline.run import make_brief, update_spec


def _spec_dict(**changes):
    d = write_spec(Brief(prompt="Create a sleek ad for luxury watches")).model_dump(mode="json")
    d.update(changes)
    return d


def test_spec_is_frozen_and_rejects_unknown_fields():
    spec = write_spec(Brief(prompt="an ad for running shoes"))
    with pytest.raises(ValidationError):
        spec.duration_s = 10  # type: ignore[misc]
    with pytest.raises(ValidationError, match="extra"):
        Spec.model_validate(_spec_dict(colour="blue"))


@pytest.mark.parametrize("total", [3600, 4.0, 121])
def test_total_duration_bounds(total):
    with pytest.raises(ValidationError, match="duration_s"):
        Spec.model_validate(_spec_dict(duration_s=total))


def test_beat_count_bounds():
    d = _spec_dict()
    beat = d["beats"][0]
    many = [{**beat, "name": f"b{i}", "start": i * 0.5, "duration": 0.5} for i in range(21)]
    with pytest.raises(ValidationError, match="beats"):
        Spec.model_validate({**d, "beats": many, "transitions": [{"type": "cut", "duration": 0}] * 20,
                             "duration_s": 10.5})
    with pytest.raises(ValidationError, match="beats"):
        Spec.model_validate({**d, "beats": [], "transitions": []})


def test_durations_must_sum_to_the_total():
    d = _spec_dict()
    d["beats"][0]["duration"] += 1.0
    with pytest.raises(ValidationError, match="add up to"):
        Spec.model_validate(d)


def test_transition_must_fit_its_beats():
    d = _spec_dict()
    d["transitions"][0] = {"type": "crossfade", "duration": 2.0}
    d["beats"][0]["duration"], d["beats"][1]["duration"] = 1.0, d["beats"][1]["duration"] + d["beats"][0]["duration"] - 1.0
    d["beats"][1]["start"] = 1.0
    with pytest.raises(ValidationError, match="shorten"):
        Spec.model_validate(d)


def test_urls_and_paths_are_rejected_in_text_fields():
    d = _spec_dict()
    d["beats"][1]["prompt"] = "watch on a table, see https://evil.example/x.png"
    with pytest.raises(ValidationError, match="URL or file path"):
        Spec.model_validate(d)
    d = _spec_dict()
    d["beats"][1]["text"] = "../../etc/passwd"
    with pytest.raises(ValidationError, match="URL or file path"):
        Spec.model_validate(d)
    # A domain in a call to action is ordinary ad copy, not a URL to fetch.
    d = _spec_dict()
    d["beats"][-1]["text"] = "Shop at aurum.com"
    assert Spec.model_validate(d).beats[-1].text == "Shop at aurum.com"


def test_brief_errors_name_the_field():
    with pytest.raises(InputError, match="prompt"):
        make_brief(prompt="   ")
    with pytest.raises(InputError, match="formats"):
        make_brief(prompt="watch ad", formats=("4:3",))
    with pytest.raises(InputError, match="duration_s"):
        make_brief(prompt="watch ad", duration_s=500)


def test_over_long_text_is_refused_naming_the_field_and_the_limit():
    with pytest.raises(InputError, match="prompt: 2,001 characters is too long; the limit is 2,000"):
        make_brief(prompt="w" * 2001)
    assert make_brief(prompt="w" * MAX_PROMPT_CHARS).prompt == "w" * MAX_PROMPT_CHARS
    with pytest.raises(InputError, match="template: 61 characters is too long; the limit is 60"):
        make_brief(prompt="watch ad", template="t" * 61)
    with pytest.raises(InputError, match="template: use a template's name"):
        make_brief(prompt="watch ad", template="../../etc/passwd")
    with pytest.raises(InputError, match="formats: 4 items is too many; the limit is 3"):
        make_brief(prompt="watch ad", formats=("16:9",) * 4)
    spec = write_spec(Brief(prompt="Create a sleek ad for luxury watches"))
    for field, limit in (("prompt", MAX_BEAT_PROMPT_CHARS), ("text", MAX_BEAT_TEXT_CHARS)):
        with pytest.raises(ValidationError) as err:
            spec.with_beat(0, **{field: "w" * (limit + 1)})
        message = describe_validation_error(err.value, "beat 1")
        assert f"{field}: {limit + 1:,} characters is too long; the limit is {limit:,}" in message


def test_project_names_are_trimmed_bounded_and_on_one_line():
    assert project_name("  Summer 24/25  ") == "Summer 24/25"
    assert project_name("   ") is None and project_name(None) is None
    with pytest.raises(InputError, match="name: 1,000,000 characters is too long; the limit is 120"):
        project_name("n" * 1_000_000)
    with pytest.raises(InputError, match="name: keep the project's name on one line"):
        project_name("two\nlines")
    with pytest.raises(InputError, match="--project: 65 characters is too long; the limit is 64"):
        check_text("p" * 65, "--project", MAX_ID_CHARS)


def test_validation_messages_stay_short_whatever_was_sent():
    d = _spec_dict(**{f"{'k' * 500}{i}": i for i in range(30)})
    with pytest.raises(ValidationError) as err:
        Spec.model_validate(d)
    message = describe_validation_error(err.value, "the spec")
    lines = message.splitlines()
    assert len(lines) == 1 + 12 + 1 and lines[-1].strip() == "... and 18 more"
    assert max(len(line) for line in lines) < 120


def test_update_spec_rejects_bad_edits_and_keeps_the_old_spec(ctx, small_brief):
    from pipeline.run import create_project
    project = create_project(ctx, small_brief())
    good = write_spec(project.brief)
    update_spec(ctx, project.id, good)
    bad = good.model_dump(mode="json")
    bad["style"]["palette"] = ["#zzzzzz", "#000000"]
    with pytest.raises(InputError, match=r"style\.palette"):
        update_spec(ctx, project.id, bad)
    assert ctx.store.get_project(project.id).spec == good


def test_frame_ranges_cover_every_frame_exactly_once():
    spec = write_spec(Brief(prompt="Create a sleek ad for luxury watches"))
    ranges = [spec.beat_frame_range(i) for i in range(len(spec.beats))]
    assert ranges[0][0] == 0 and ranges[-1][1] == spec.total_frames == 900
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))
