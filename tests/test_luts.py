"""LUT files, the .cube parser and the grading functions (pipeline.render.lut)."""

from __future__ import annotations

import importlib.util
import itertools
import time
from pathlib import Path

import numpy as np
import pytest

from pipeline.render.lut import (
    Lut3D,
    LutError,
    adjust,
    apply_lut,
    grade,
    identity_table,
    list_luts,
    load_cube,
    write_cube,
)

ROOT = Path(__file__).resolve().parents[1]
LUT_DIR = ROOT / "luts"
LUT_FILES = sorted(LUT_DIR.glob("*.cube"))
LOOKS = ["cinematic_warm", "modern_vibrant", "elegant_muted", "noir_mono", "golden_hour"]
REC709 = np.array([0.2126, 0.7152, 0.0722])


def _load_make_luts():
    spec = importlib.util.spec_from_file_location("make_luts", ROOT / "tools" / "make_luts.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def make_luts():
    return _load_make_luts()


@pytest.fixture(scope="module")
def looks() -> dict[str, Lut3D]:
    return {name: load_cube(LUT_DIR / f"{name}.cube") for name in LOOKS}


@pytest.fixture(scope="module")
def card(make_luts) -> np.ndarray:
    """Sky, greens, skin-tone spheres, ColorChecker patches and a grey ramp."""
    return make_luts.test_card()


def _rand_image(shape, seed=0):
    return np.random.default_rng(seed).integers(0, 256, shape, dtype=np.uint8)


def _reference_trilinear(img: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Slow, obvious trilinear interpolation in float64 (table indexed [b, g, r])."""
    n = table.shape[0]
    x = img[..., :3].astype(np.float64) / 255.0 * (n - 1)
    i0 = np.minimum(np.floor(x).astype(int), n - 2)
    f = x - i0
    out = np.zeros(img.shape[:-1] + (3,))
    for db, dg, dr in itertools.product((0, 1), repeat=3):
        w = ((f[..., 2] if db else 1 - f[..., 2]) * (f[..., 1] if dg else 1 - f[..., 1])
             * (f[..., 0] if dr else 1 - f[..., 0]))
        out += w[..., None] * table[i0[..., 2] + db, i0[..., 1] + dg, i0[..., 0] + dr]
    return np.clip(np.floor(out * 255.0 + 0.5), 0, 255).astype(np.uint8)


# --------------------------------------------------------------------------- shipped files


def test_shipped_luts_present():
    names = {p.stem for p in LUT_FILES}
    assert set(LOOKS) <= names, f"missing LUTs: {set(LOOKS) - names}"


@pytest.mark.parametrize("path", LUT_FILES, ids=lambda p: p.name)
def test_every_lut_file_parses(path: Path):
    lut = load_cube(path)
    n = lut.size
    assert 2 <= n <= 65
    assert lut.table.shape == (n, n, n, 3) and lut.table.dtype == np.float32
    data_lines = [ln for ln in path.read_text().splitlines() if ln.strip()[:1] in set("-+.0123456789")]
    assert len(data_lines) == n**3
    assert lut.title
    assert lut.path == path
    assert np.isfinite(lut.table).all()
    assert lut.table.min() >= 0.0 and lut.table.max() <= 1.0


@pytest.mark.parametrize("name", LOOKS)
def test_shipped_format(name):
    text = (LUT_DIR / f"{name}.cube").read_text()
    lines = text.splitlines()
    assert lines[0].startswith('TITLE "') and lines[0].endswith('"')
    assert "LUT_3D_SIZE 33" in lines
    assert "DOMAIN_MIN 0.0 0.0 0.0" in lines and "DOMAIN_MAX 1.0 1.0 1.0" in lines
    first = lines.index("DOMAIN_MAX 1.0 1.0 1.0") + 1
    for ln in (lines[first], lines[first + 1], lines[-1]):
        parts = ln.split()
        assert len(parts) == 3 and all(len(p.split(".")[1]) == 6 for p in parts), ln
    # red changes fastest: second entry has (only) red moved up from the first
    r0, g0, b0 = map(float, lines[first].split())
    r1, g1, b1 = map(float, lines[first + 1].split())
    assert r1 > r0 and abs(g1 - g0) < 0.02 and abs(b1 - b0) < 0.02


def test_generator_is_deterministic_and_matches_files(make_luts, tmp_path):
    written = make_luts.write_all(tmp_path)
    assert {p.stem for p in written} == set(LOOKS)
    for p in written:
        assert p.read_bytes() == (LUT_DIR / p.name).read_bytes(), (
            f"luts/{p.name} is out of date: run python tools/make_luts.py"
        )


# --------------------------------------------------------------------------- looks


def test_looks_differ_pairwise(looks, card):
    graded = {k: apply_lut(card, v).astype(np.float64) for k, v in looks.items()}
    for k, g in graded.items():
        assert np.abs(g - card).mean() > 5.0, f"{k} barely changes the image"
    for a, b in itertools.combinations(looks, 2):
        diff = np.abs(graded[a] - graded[b]).mean()
        assert diff > 6.0, f"{a} and {b} look too alike (mean abs diff {diff:.1f})"


@pytest.mark.parametrize("name", LOOKS)
def test_mid_grey_stays_mid_grey(looks, name):
    out = apply_lut(np.full((1, 1, 3), 128, np.uint8), looks[name])[0, 0].astype(int)
    assert np.all(np.abs(out - 128) <= 0.15 * 255), out


@pytest.mark.parametrize("name", LOOKS)
def test_no_crushed_or_clipped_ranges(looks, name):
    lut = looks[name]
    ramp = np.repeat(np.arange(256, dtype=np.uint8)[:, None], 3, axis=1)[None]
    y = apply_lut(ramp, lut)[0].astype(np.float64) @ REC709
    assert np.all(np.diff(y) >= -0.5), "grey ramp must stay monotonic"
    assert y[0] < 40 and y[255] > 215, (y[0], y[255])
    # the darkest and brightest 10% of the input must not collapse onto one level
    assert len(np.unique(np.round(y[:26]))) >= 10
    assert len(np.unique(np.round(y[-26:]))) >= 10
    # lattice: almost nothing lands on pure black or pure white
    t = lut.table
    crushed = np.all(t <= 0.5 / 255, axis=-1) | np.all(t >= 254.5 / 255, axis=-1)
    assert crushed.mean() < 0.01


# --------------------------------------------------------------------------- apply_lut


@pytest.mark.parametrize("size", [2, 17, 33, 65])
def test_identity_lut_is_identity(tmp_path, size):
    path = write_cube(tmp_path / f"id{size}.cube", identity_table(size), "identity")
    lut = load_cube(path)
    img = _rand_image((64, 80, 3))
    out = apply_lut(img, lut)
    assert out.shape == img.shape and out.dtype == np.uint8
    assert np.abs(out.astype(int) - img).max() <= 1
    levels = np.r_[np.arange(0, 256, 3), 254, 255].astype(np.uint8)  # every lattice cell
    grid = np.stack(np.meshgrid(levels, levels, levels, indexing="ij"), -1).reshape(len(levels), -1, 3)
    assert np.abs(apply_lut(grid, lut).astype(int) - grid).max() <= 1
    ramp = np.repeat(np.arange(256, dtype=np.uint8)[:, None], 3, axis=1)[None]
    assert np.array_equal(apply_lut(ramp, lut), ramp)


def test_matches_reference_trilinear():
    rng = np.random.default_rng(7)
    table = rng.random((9, 9, 9, 3)).astype(np.float32)
    lut = Lut3D(table, title="random")
    img = _rand_image((50, 70, 3), seed=3)
    assert np.abs(apply_lut(img, lut).astype(int) - _reference_trilinear(img, table)).max() <= 1


def test_index_order_is_b_g_r(tmp_path):
    # a LUT that swaps red and blue: output (b, g, r)
    swap = identity_table(5)[..., ::-1]
    lut = load_cube(write_cube(tmp_path / "swap.cube", swap, "swap"))
    assert np.allclose(lut.table[4, 0, 0], [1, 0, 0])  # [b=max, g=0, r=0] -> red out
    img = np.array([[[255, 0, 0], [0, 0, 255], [10, 200, 30]]], np.uint8)
    assert apply_lut(img, lut).tolist() == [[[0, 0, 255], [255, 0, 0], [30, 200, 10]]]
    # and the file lists red fastest
    data = [ln for ln in (tmp_path / "swap.cube").read_text().splitlines() if ln[:1].isdigit()]
    assert data[1] == "0.000000 0.000000 0.250000"  # input r=0.25 -> output b=0.25


def test_alpha_preserved(looks):
    img = _rand_image((40, 30, 4), seed=5)
    for fn in (lambda a: apply_lut(a, looks["golden_hour"], 0.7),
               lambda a: adjust(a, 1.3, 0.5),
               lambda a: grade(a, looks["noir_mono"], 1.1, 1.2)):
        out = fn(img)
        assert out.shape == img.shape
        assert np.array_equal(out[..., 3], img[..., 3])
        assert not np.array_equal(out[..., :3], img[..., :3])
    rgb_only = apply_lut(img[..., :3].copy(), looks["golden_hour"], 0.7)
    assert np.array_equal(apply_lut(img, looks["golden_hour"], 0.7)[..., :3], rgb_only)


def test_strength_blends(looks):
    img = _rand_image((32, 32, 3), seed=9)
    lut = looks["cinematic_warm"]
    assert np.array_equal(apply_lut(img, lut, 0.0), img)
    full = apply_lut(img, lut).astype(float)
    half = apply_lut(img, lut, 0.5).astype(float)
    assert np.abs(half - (full + img) / 2).max() <= 1.0
    with pytest.raises(ValueError, match="strength"):
        apply_lut(img, lut, 1.5)


def test_input_is_not_modified_and_bad_input_rejected(looks):
    img = _rand_image((8, 8, 3))
    before = img.copy()
    apply_lut(img, looks["modern_vibrant"])
    assert np.array_equal(img, before)
    with pytest.raises(TypeError):
        apply_lut(img.astype(np.float32), looks["modern_vibrant"])
    with pytest.raises(ValueError):
        apply_lut(np.zeros((8, 8, 2), np.uint8), looks["modern_vibrant"])


def test_domain_is_honoured(tmp_path):
    text = 'TITLE "wide"\nLUT_3D_SIZE 2\nDOMAIN_MIN 0 0 0\nDOMAIN_MAX 2 2 2\n'
    text += "".join(f"{r * 2} {g * 2} {b * 2}\n" for b in (0, 1) for g in (0, 1) for r in (0, 1))
    (tmp_path / "wide.cube").write_text(text)
    lut = load_cube(tmp_path / "wide.cube")
    assert lut.domain_max == (2.0, 2.0, 2.0)
    img = _rand_image((16, 16, 3))
    assert np.abs(apply_lut(img, lut).astype(int) - img).max() <= 1


def test_grade_speed_2400x1350(looks):
    lut = load_cube(LUT_DIR / "cinematic_warm.cube")  # fresh object: includes the table build
    yy, xx = np.mgrid[0:1350, 0:2400]
    img = np.stack([xx * 255 // 2399, yy * 255 // 1349, (xx + 3 * yy) % 256], -1).astype(np.uint8)
    t0 = time.perf_counter()
    out = grade(img, lut, 1.1, 1.05)
    elapsed = time.perf_counter() - t0
    assert out.shape == img.shape
    assert elapsed < 3.0, f"grading 2400x1350 took {elapsed:.2f} s"  # ~0.3 s typical; CI is noisy


# --------------------------------------------------------------------------- adjust / grade


def test_adjust_identity_is_exact():
    img = _rand_image((33, 47, 3))
    out = adjust(img, 1.0, 1.0)
    assert np.array_equal(out, img) and out is not img
    rgba = _rand_image((5, 6, 4))
    assert np.array_equal(adjust(rgba), rgba)


def test_adjust_saturation_zero_is_grey():
    img = _rand_image((40, 40, 3))
    for contrast in (1.0, 0.7, 1.6):
        out = adjust(img, contrast, 0.0).astype(int)
        assert np.array_equal(out[..., 0], out[..., 1]) and np.array_equal(out[..., 1], out[..., 2])
    luma = img.astype(np.float64) @ REC709
    assert np.abs(adjust(img, 1.0, 0.0)[..., 0] - luma).max() <= 1.0


def test_adjust_contrast_pivots_on_mid_grey():
    grey = np.array([[[0, 0, 0], [64, 64, 64], [128, 128, 128], [191, 191, 191], [255, 255, 255]]], np.uint8)
    out = adjust(grey, 1.5, 1.0)[0, :, 0].astype(int)
    expected = np.clip(np.floor((grey[0, :, 0] / 255.0 - 0.5) * 1.5 * 255 + 127.5 + 0.5), 0, 255)
    assert np.abs(out - expected).max() <= 1
    assert abs(int(adjust(grey, 3.0, 1.0)[0, 2, 0]) - 128) <= 1
    flat = adjust(grey, 0.0, 1.0)[0, :, 0]
    assert flat.min() == flat.max() and abs(int(flat[0]) - 128) <= 1
    # more saturation pushes colours away from grey
    col = np.array([[[200, 120, 80]]], np.uint8)
    assert np.ptp(adjust(col, 1.0, 1.5).astype(int)) > np.ptp(col.astype(int))
    with pytest.raises(ValueError, match="saturation"):
        adjust(col, 1.0, -1.0)


def test_grade_is_lut_then_adjust(looks):
    img = _rand_image((20, 30, 3), seed=11)
    lut = looks["elegant_muted"]
    assert np.array_equal(grade(img, lut, 1.2, 0.8, 0.6), adjust(apply_lut(img, lut, 0.6), 1.2, 0.8))
    assert np.array_equal(grade(img, None, 1.2, 0.8), adjust(img, 1.2, 0.8))
    assert np.array_equal(grade(img, None), img)


# --------------------------------------------------------------------------- list_luts


def test_list_luts(tmp_path):
    found = list_luts(LUT_DIR)
    assert set(LOOKS) <= set(found)
    assert all(isinstance(p, Path) and p.suffix == ".cube" for p in found.values())
    assert list(found) == sorted(found)
    (tmp_path / "b.cube").write_text("")
    (tmp_path / "a.CUBE").write_text("")
    (tmp_path / "notes.txt").write_text("")
    (tmp_path / "dir.cube").mkdir()
    assert list(list_luts(tmp_path)) == ["a", "b"]
    with pytest.raises(FileNotFoundError):
        list_luts(tmp_path / "missing")


# --------------------------------------------------------------------------- broken files


def _cube(size=2, data=None, header=None) -> str:
    header = header if header is not None else ['TITLE "t"', f"LUT_3D_SIZE {size}"]
    if data is None:
        data = [" ".join(f"{v:.6f}" for v in row) for row in identity_table(size).reshape(-1, 3)]
    return "\n".join(header + data) + "\n"


def _rows(size=2):
    return [" ".join(f"{v:.6f}" for v in row) for row in identity_table(size).reshape(-1, 3)]


BROKEN = {
    # name: (file text, line number expected in the message, phrase expected in the message)
    "missing_value": (_cube(data=_rows()[:4] + ["0.5 0.5"] + _rows()[5:]), 7, "expected 3 numbers, got 2"),
    "garbage_text": (_cube(data=_rows()[:2] + ["hello world"] + _rows()[3:]), 5, "expected 3 numbers"),
    "not_a_number": (_cube(data=_rows()[:1] + ["0.1 abc 0.3"] + _rows()[2:]), 4, "'abc' is not a number"),
    "nan_value": (_cube(data=_rows()[:3] + ["0.1 nan 0.3"] + _rows()[4:]), 6, "not a finite number"),
    "size_too_big": (_cube(header=['TITLE "t"', "LUT_3D_SIZE 99"], data=_rows()), 2, "LUT_3D_SIZE 99"),
    "size_one": (_cube(header=["LUT_3D_SIZE 1"], data=_rows()[:1]), 1, "outside the supported range"),
    "size_not_int": (_cube(header=['TITLE "t"', "", "LUT_3D_SIZE 2.5"]), 3, "whole number"),
    "too_few_rows": (_cube(data=_rows()[:7]), 9, "needs 8 data lines, found 7"),
    "too_many_rows": (_cube(data=_rows() + ["0 0 0"]), 11, "extra data line"),
    "keyword_after_data": (_cube(data=_rows()[:3] + ["DOMAIN_MIN 0 0 0"] + _rows()[3:]), 6, "after the data"),
    "unknown_keyword": (_cube(header=['TITLE "t"', "LUT_3D_SIZE 2", "FOO 1"]), 3, "unknown keyword FOO"),
    "bad_domain": (_cube(header=["LUT_3D_SIZE 2", "DOMAIN_MIN 0 0 0", "DOMAIN_MAX 1 0 1"]), 3, "DOMAIN_MAX"),
    "domain_count": (_cube(header=["LUT_3D_SIZE 2", "DOMAIN_MIN 0 0"]), 2, "DOMAIN_MIN expects 3 numbers"),
    "duplicate_size": (_cube(header=["LUT_3D_SIZE 2", "LUT_3D_SIZE 2"]), 2, "given twice"),
    "unquoted_title": (_cube(header=["TITLE look", "LUT_3D_SIZE 2"]), 1, "quoted"),
    "one_d": (_cube(header=["LUT_1D_SIZE 2"], data=["0 0 0", "1 1 1"]), 1, "1D LUTs are not supported"),
    "data_before_size": ("0 0 0\nLUT_3D_SIZE 2\n", 1, "before LUT_3D_SIZE"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_cube_names_file_and_line(tmp_path, case):
    text, line, phrase = BROKEN[case]
    path = tmp_path / f"{case}.cube"
    path.write_text(text)
    with pytest.raises(LutError) as info:
        load_cube(path)
    msg = str(info.value)
    assert f"{case}.cube line {line}:" in msg, msg
    assert phrase in msg, msg
    assert isinstance(info.value, ValueError)


def test_broken_cube_without_line(tmp_path):
    (tmp_path / "nosize.cube").write_text('TITLE "x"\n')
    with pytest.raises(LutError, match=r"nosize\.cube: missing LUT_3D_SIZE"):
        load_cube(tmp_path / "nosize.cube")
    with pytest.raises(LutError, match=r"absent\.cube: LUT file not found"):
        load_cube(tmp_path / "absent.cube")
    (tmp_path / "binary.cube").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(LutError, match=r"binary\.cube"):
        load_cube(tmp_path / "binary.cube")


def test_relative_path_in_message(tmp_path, monkeypatch):
    (tmp_path / "luts").mkdir()
    (tmp_path / "luts" / "x.cube").write_text(_cube(data=_rows()[:5] + ["0.1 0.2"] + _rows()[6:]))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(LutError) as info:
        load_cube(tmp_path / "luts" / "x.cube")
    assert str(info.value).startswith("luts/x.cube line 8: expected 3 numbers, got 2")


def test_tolerant_of_comments_blank_lines_bom_and_crlf(tmp_path):
    rows = _rows()
    text = "\ufeff# made by hand\r\n" + 'TITLE "ok"\r\n\r\nLUT_3D_SIZE 2\r\n# data\r\n' + "\r\n".join(rows) + "\r\n"
    (tmp_path / "ok.cube").write_bytes(text.encode("utf-8"))
    lut = load_cube(tmp_path / "ok.cube")
    assert lut.title == "ok" and lut.size == 2
    np.testing.assert_allclose(lut.table, identity_table(2))
