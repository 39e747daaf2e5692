"""Tests for the procedural music synthesizer (pipeline/render/music.py).

They check properties a listener and the video editor rely on, measured on real renders:
exact length, level, fades, beats where `beat_times` says, harmony in the key with the chord
changing on bar lines, moods that really sound different, no clicks, determinism, speed,
and a WAV file other tools can read. Renders are cached per plan so the file stays fast.
"""

from __future__ import annotations

import functools
import re
import sys
import time
import wave
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # let `pytest tests/test_music.py` work from anywhere
    sys.path.insert(0, str(ROOT))

from pipeline.errors import InputError  # noqa: E402
from pipeline.render.music import (  # noqa: E402
    MusicPlan,
    beat_times,
    instrumentation_for,
    suggest_tempo_and_key,
    synthesize,
    write_wav,
)

SR = 48000


def plan(mood="energetic", style="electronic", duration=8.0, bpm=120.0, key="C", scale="major", seed=0, **kw):
    return MusicPlan(duration_s=duration, bpm=bpm, key=key, scale=scale, mood=mood, style=style, seed=seed, **kw)


@functools.lru_cache(maxsize=None)
def render(p: MusicPlan) -> np.ndarray:
    out = synthesize(p)
    out.setflags(write=False)
    return out


def energy(x: np.ndarray) -> np.ndarray:
    return (x.astype(np.float64) ** 2).sum(axis=1)


def onset_ratios(x: np.ndarray, times, window_s=0.03, stop_s=None) -> np.ndarray:
    """Mean energy in the window after each time divided by the mean energy in the window before."""
    e = energy(x)
    w = int(window_s * SR)
    stop = len(e) if stop_s is None else int(stop_s * SR)
    out = []
    for t in times:
        s = int(round(t * SR))
        if s - w >= 0 and s + w <= stop:
            out.append(e[s : s + w].mean() / max(e[s - w : s].mean(), 1e-12))
    return np.array(out)


def chroma(x: np.ndarray, lo=50.0, hi=4000.0) -> np.ndarray:
    """Energy per pitch class (0 = C) of a mono signal."""
    spec = np.abs(np.fft.rfft(x * np.hanning(len(x)))) ** 2
    f = np.fft.rfftfreq(len(x), 1 / SR)
    sel = (f > lo) & (f < hi)
    pcs = np.round(69 + 12 * np.log2(f[sel] / 440.0)).astype(int) % 12
    return np.bincount(pcs, weights=spec[sel], minlength=12)


# ---------------------------------------------------------------------------------------------
# length, level, fades
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("duration", [5.0, 7.3, 30.0])
def test_exact_sample_count_dtype_and_level(duration):
    x = render(plan(duration=duration))
    assert x.shape == (round(duration * SR), 2)
    assert x.dtype == np.float32
    assert np.all(np.isfinite(x))
    peak = float(np.max(np.abs(x)))
    assert 0.5 < peak <= 0.9
    assert float(np.sqrt(np.mean(x.astype(np.float64) ** 2))) > 0.05  # not silent, not a whisper


@pytest.mark.parametrize("mood,style", [("calm", "piano"), ("elegant", "orchestral"), ("dramatic", "cinematic")])
def test_quiet_moods_are_still_full_level(mood, style):
    x = render(plan(mood, style, duration=6.0, bpm=80))
    assert 0.5 < float(np.max(np.abs(x))) <= 0.9
    assert float(np.sqrt(np.mean(x.astype(np.float64) ** 2))) > 0.05


def test_other_sample_rate_and_zero_duration():
    x = synthesize(plan(duration=2.5, sample_rate=44100))
    assert x.shape == (round(2.5 * 44100), 2)
    assert synthesize(plan(duration=0.0)).shape == (0, 2)


def test_starts_and_ends_in_silence_with_a_fade_out():
    x = render(plan(duration=7.3)).astype(np.float64)
    assert np.all(x[0] == 0) and np.all(np.abs(x[-1]) < 1e-6)
    rms = lambda a: float(np.sqrt(np.mean(a**2)))  # noqa: E731
    body = rms(x[: -int(1.5 * SR)])
    assert rms(x[-int(0.05 * SR) :]) < 0.02 * body  # the last 50 ms are nearly silent
    # the fade is gradual: each third of the 1.5 s fade is quieter than the one before
    thirds = [rms(x[-int((1.5 - 0.5 * i) * SR) : len(x) - int((1.0 - 0.5 * i) * SR) or None]) for i in range(3)]
    assert thirds[0] > thirds[1] > thirds[2]


def test_fade_out_length_follows_the_plan():
    x = render(plan(duration=6.0, fade_out_s=3.0)).astype(np.float64)
    y = render(plan(duration=6.0)).astype(np.float64)
    seg = slice(-int(2.0 * SR), -int(1.6 * SR))  # a third into a 3 s fade, before a 1.5 s one starts
    assert np.sqrt(np.mean(x[seg] ** 2)) < 0.75 * np.sqrt(np.mean(y[seg] ** 2))


# ---------------------------------------------------------------------------------------------
# beat grid and sync
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bpm,duration", [(120.0, 30.0), (87.0, 7.3), (60.0, 5.0), (180.0, 12.0)])
def test_beat_times_spacing_and_range(bpm, duration):
    p = plan(bpm=bpm, duration=duration)
    bt = np.array(beat_times(p))
    assert bt[0] == 0.0
    assert np.allclose(np.diff(bt), 60.0 / bpm, atol=1e-9)
    assert np.all(bt < duration) and bt[-1] + 60.0 / bpm >= duration - 1e-9  # every beat, none missing
    assert len(bt) == int(np.ceil(duration * bpm / 60.0 - 1e-9))


@pytest.mark.parametrize("offset", [0.25, -0.2, 1.3])
def test_beat_times_follow_the_downbeat_offset(offset):
    p = plan(bpm=100.0, duration=6.0, downbeat_offset_s=offset)
    bt = np.array(beat_times(p))
    spb = 0.6
    assert np.all(bt >= 0) and np.all(bt < 6.0)
    assert bt[0] < spb  # no beat skipped at the start
    k = (bt - offset) / spb
    assert np.allclose(k, np.round(k), atol=1e-9)  # on the grid through the offset
    assert np.allclose(np.diff(bt), spb)


def test_drum_transients_land_on_the_beats():
    p = plan("energetic", "electronic", duration=12.0, bpm=124)
    x = render(p)
    stop = p.duration_s - p.fade_out_s
    on = onset_ratios(x, beat_times(p), stop_s=stop)
    assert len(on) >= 15
    assert np.mean(on > 1.0) == 1.0  # energy rises at every single beat
    assert np.median(on) > 3.0
    # control: between the 16th notes (3/8 of a beat late) nothing starts, so there is no rise
    spb = 60 / p.bpm
    off_grid = onset_ratios(x, [t + 0.375 * spb for t in beat_times(p)], stop_s=stop)
    assert np.median(on) > 3 * np.median(off_grid)


def test_transients_follow_a_shifted_grid():
    p = plan("uplifting", "corporate pop", duration=10.0, bpm=110, downbeat_offset_s=0.31)
    x = render(p)
    bt = beat_times(p)
    spb = 60 / p.bpm
    downbeats = [t for t in bt if round((t - 0.31) / spb) % 4 == 0]
    on = onset_ratios(x, downbeats, stop_s=p.duration_s - p.fade_out_s)
    assert len(on) >= 3 and np.all(on > 2.0)
    # the first 0.31 s is only a pickup (pad swell): no hit before the first beat
    e = energy(x)
    assert e[: int(0.3 * SR)].mean() < 0.1 * e[int(0.31 * SR) : int(0.31 * SR) + int(0.1 * SR)].mean()


@pytest.mark.parametrize("mood,style", [("calm", "piano"), ("elegant", "orchestral"), ("dramatic", "cinematic")])
def test_downbeats_have_an_onset_without_drums(mood, style):
    p = plan(mood, style, duration=14.0, bpm=84)
    assert instrumentation_for(mood, style)["kick"] == 0
    bt = beat_times(p)
    on = onset_ratios(render(p), bt[::4], stop_s=p.duration_s - p.fade_out_s)  # bass / piano on every downbeat
    assert len(on) >= 3 and np.all(on > 1.2)


# ---------------------------------------------------------------------------------------------
# harmony
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("key,scale,mood,style", [("D", "major", "calm", "piano"), ("A", "minor", "elegant", "orchestral"), ("Bb", "major", "uplifting", "ambient")])
def test_notes_stay_in_the_key(key, scale, mood, style):
    x = render(plan(mood, style, duration=16.0, bpm=90, key=key, scale=scale)).mean(axis=1)
    tonic = {"D": 2, "A": 9, "Bb": 10}[key]
    steps = (0, 2, 4, 5, 7, 9, 11) if scale == "major" else (0, 2, 3, 5, 7, 8, 10)
    ch = chroma(x)
    assert ch[[(tonic + s) % 12 for s in steps]].sum() > 0.95 * ch.sum()


@pytest.mark.parametrize("scale,roots", [("major", (0, 7, 9, 5)), ("minor", (0, 8, 3, 10))])
def test_chord_roots_change_on_bar_lines(scale, roots):
    """Seed 0 plays the textbook loop: I-V-vi-IV in major, i-VI-III-VII in minor (key of C)."""
    p = plan("uplifting", "ambient", duration=12.0, bpm=96, scale=scale)
    x = render(p).mean(axis=1)
    spb = 60 / p.bpm
    for bar, root in enumerate(roots):
        s = int((bar * 4 * spb + 0.05) * SR)  # the first beat of the bar: the bass plays the root
        seg = x[s : s + int(0.9 * spb * SR)]
        assert int(np.argmax(chroma(seg, lo=40, hi=130))) == root, f"bar {bar}"


# ---------------------------------------------------------------------------------------------
# moods and instrumentation
# ---------------------------------------------------------------------------------------------


def test_instrumentation_rules():
    energetic = instrumentation_for("energetic", "electronic")
    assert energetic["kick"] > 0 and energetic["snare"] > 0 and energetic["hats"] > 0
    assert energetic["drum_pattern"] == "four_on_floor" and energetic["arp"] > 0 and energetic["bass"] > 0
    calm = instrumentation_for("calm", "piano")
    assert calm["drums"] == 0 and calm["piano"] > 0 and calm["arp"] == 0
    lux = instrumentation_for("luxurious", "cinematic")
    assert lux["drums"] == 0 and lux["pad"] >= 0.5 and lux["sevenths"]
    ambient = instrumentation_for("calm", "ambient")
    assert ambient["drums"] == 0 and ambient["pad"] >= 0.5
    playful = instrumentation_for("playful", "pop")
    assert playful["pluck"] > 0 and playful["drums"] > 0
    lofi = instrumentation_for("chill", "lofi hip hop")
    assert lofi["drum_pattern"] == "lofi" and lofi["swing"] > 0 and lofi["piano"] > 0
    assert instrumentation_for("Energetic!", "Corporate Pop")["drums"] > 0  # case and punctuation
    for mood, style in [("energetic", "electronic"), ("calm", "piano"), ("", ""), ("dramatic", "orchestral")]:
        inst = instrumentation_for(mood, style)
        assert inst == instrumentation_for(mood, style)
        assert inst["bass"] > 0  # something always marks the downbeat
        for name in ("kick", "snare", "hats", "bass", "pad", "arp", "piano", "pluck", "boom", "drums"):
            assert 0.0 <= inst[name] <= 1.0
    assert energetic != calm != lux


def _band_profile(x: np.ndarray) -> np.ndarray:
    spec = np.abs(np.fft.rfft(x.mean(axis=1)))
    f = np.fft.rfftfreq(len(x), 1 / SR)
    edges = np.geomspace(40, 16000, 25)
    bands = np.array([spec[(f >= a) & (f < b)].sum() for a, b in zip(edges[:-1], edges[1:])])
    return np.log10(bands / bands.sum() + 1e-9)


def test_moods_sound_different():
    """Same tempo, key and seed: only the mood and style change, and the signal changes a lot."""
    energetic = render(plan("energetic", "electronic"))
    calm = render(plan("calm", "piano"))
    cinematic = render(plan("dramatic", "cinematic"))

    def hf(x):  # share of energy above 5 kHz: hats and bright synths vs soft piano
        spec = np.abs(np.fft.rfft(x.mean(axis=1))) ** 2
        return spec[np.fft.rfftfreq(len(x), 1 / SR) > 5000].sum() / spec.sum()

    assert hf(energetic) > 20 * hf(calm)
    assert np.abs(_band_profile(energetic) - _band_profile(calm)).mean() > 0.3
    assert np.abs(_band_profile(energetic) - _band_profile(cinematic)).mean() > 0.3
    assert np.abs(_band_profile(calm) - _band_profile(cinematic)).mean() > 0.1
    # the energetic cue is rhythmic: a much larger energy rise on its beats
    p = plan("energetic", "electronic")
    assert np.median(onset_ratios(energetic, beat_times(p))) > 2 * np.median(onset_ratios(calm, beat_times(p)))


# ---------------------------------------------------------------------------------------------
# clicks, determinism, speed
# ---------------------------------------------------------------------------------------------


def test_every_note_starts_and_ends_at_zero(monkeypatch):
    """No clicks at note boundaries: every note, hit, swell and riser that goes into the mix
    starts and ends at (nearly) zero, so neither its onset nor its end is a step in the wave.

    This is checked on the notes themselves, before mixing: in the mix a small step hides under
    the music, yet it is still audible as a tick.
    """
    from pipeline.render import music

    seen: list[np.ndarray] = []
    add, add_mono = music._Synth.add, music._Synth.add_mono

    def spy_add(self, bus, t, sig, gain, pan=0.0, send=0.0):
        seen.append(np.array(sig))
        return add(self, bus, t, sig, gain, pan, send)

    def spy_add_mono(self, buf, t, sig, gain):
        seen.append(np.array(sig))
        return add_mono(self, buf, t, sig, gain)

    monkeypatch.setattr(music._Synth, "add", spy_add)
    monkeypatch.setattr(music._Synth, "add_mono", spy_add_mono)
    # between them these use every instrument, the intro, the fill, the riser and the crash
    for mood, style in [("energetic", "electronic"), ("playful", "pop"), ("calm", "piano"),
                        ("dramatic", "cinematic"), ("chill", "lofi"), ("elegant", "ambient orchestral")]:
        synthesize(plan(mood, style, duration=9.0, bpm=180))
    assert len(seen) > 500
    for sig in seen:
        peak = float(np.max(np.abs(sig)))
        assert peak > 0
        edges = np.abs(np.concatenate([sig[:2], sig[-2:]]))
        assert np.all(edges <= 0.02 * peak), f"a {len(sig)}-sample note starts or ends with a step"


def test_deterministic_and_seed_dependent():
    p = plan("uplifting", "corporate pop", duration=6.0)
    a = synthesize(p)
    b = synthesize(p)
    assert np.array_equal(a, b)
    c = synthesize(plan("uplifting", "corporate pop", duration=6.0, seed=1))
    assert not np.array_equal(a, c)
    assert np.mean(np.abs(a - c)) > 0.01  # a different variation, not a rounding difference


def test_speed_30_seconds_under_one_second():
    best = float("inf")
    for seed in (11, 12, 13):  # fresh plans in the slowest kind of arrangement; a retry absorbs a noisy neighbour
        p = plan("calm", "ambient piano", duration=30.0, bpm=72, key="Eb", seed=seed)
        t0 = time.perf_counter()
        synthesize(p)
        best = min(best, time.perf_counter() - t0)
        if best < 1.0:
            break
    assert best < 1.0, f"30 s of music took {best:.2f} s"


# ---------------------------------------------------------------------------------------------
# tempo / key suggestions and input errors
# ---------------------------------------------------------------------------------------------


def test_suggest_tempo_and_key():
    key_re = re.compile(r"^[A-G](#|b)?$")  # what the Spec's Audio.key accepts
    for seed in range(6):
        bpm, key, scale = suggest_tempo_and_key("energetic", "electronic", seed)
        assert 120 <= bpm <= 128 and scale == "major" and key_re.match(key)
        bpm, key, scale = suggest_tempo_and_key("luxurious", "elegant orchestral", seed)
        assert 80 <= bpm <= 92 and scale == "minor" and key_re.match(key)
        bpm, key, scale = suggest_tempo_and_key("calm", "ambient", seed)
        assert 70 <= bpm <= 80 and key_re.match(key)
        bpm, key, scale = suggest_tempo_and_key("dramatic", "cinematic", seed)
        assert 84 <= bpm <= 96 and scale == "minor"
    assert suggest_tempo_and_key("playful", "pop", 3) == suggest_tempo_and_key("playful", "pop", 3)
    assert len({suggest_tempo_and_key("uplifting", "corporate pop", s) for s in range(8)}) > 1
    bpm, key, scale = suggest_tempo_and_key("whatever", "unknown words")
    assert 60 <= bpm <= 180
    synthesize(plan("whatever", "unknown words", duration=1.0, bpm=bpm, key=key, scale=scale))


@pytest.mark.parametrize(
    "change",
    [{"bpm": 200.0}, {"bpm": 59.0}, {"bpm": float("nan")}, {"key": "H"}, {"scale": "dorian"},
     {"duration": -1.0}, {"duration": float("inf")}, {"sample_rate": 100}, {"fade_out_s": -1.0}],
)
def test_bad_plans_raise_a_clear_error(change):
    with pytest.raises(InputError):
        synthesize(plan(duration=change.pop("duration", 2.0), **change))


@pytest.mark.parametrize("key", ["C", "F#", "Bb", "Eb", "c#"])
def test_keys_are_parsed(key):
    assert synthesize(plan(key=key, duration=0.5)).shape == (SR // 2, 2)


# ---------------------------------------------------------------------------------------------
# WAV output
# ---------------------------------------------------------------------------------------------


def test_write_wav_round_trip(tmp_path):
    x = render(plan(duration=7.3))
    path = tmp_path / "sub" / "music.wav"
    write_wav(x, path, SR)
    assert not Path(str(path) + ".tmp").exists()
    with wave.open(str(path), "rb") as w:
        assert w.getnchannels() == 2
        assert w.getsampwidth() == 2
        assert w.getframerate() == SR
        assert w.getnframes() == x.shape[0]
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").reshape(-1, 2)
    assert np.max(np.abs(pcm / 32767.0 - x)) <= 1.0 / 32767 + 1e-6


def test_write_wav_mono_and_clipping(tmp_path):
    path = str(tmp_path / "mono.wav")
    write_wav(np.array([0.0, 0.5, -2.0, 2.0], np.float32), path, 22050)
    with wave.open(path, "rb") as w:
        assert (w.getnchannels(), w.getnframes(), w.getframerate()) == (2, 4, 22050)
        pcm = np.frombuffer(w.readframes(4), dtype="<i2").reshape(-1, 2)
    assert pcm[:, 0].tolist() == pcm[:, 1].tolist() == [0, 16384, -32767, 32767]
    with pytest.raises(InputError):
        write_wav(np.array([0.0, np.nan]), path, 22050)
