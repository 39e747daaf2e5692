"""Tempo and key from the spec's mood: the rules the spec writer uses to score the ad."""

from __future__ import annotations

import re

TEMPO = {"energetic": 124, "playful": 116, "uplifting": 108, "confident": 104, "dramatic": 90,
         "sophisticated": 88, "romantic": 76, "warm": 84, "calm": 72}
MINOR_MOODS = ("dramatic", "sophisticated", "romantic", "mysterious")
KEYS_MAJOR = ("C", "D", "F", "G", "A", "Bb")
KEYS_MINOR = ("A", "D", "E", "C", "F#", "G")


def tempo_for(mood: str, template_bpm: float, text: str = "") -> float:
    m = re.search(r"(\d{2,3})\s*bpm", text)
    if m and 60 <= int(m.group(1)) <= 180:
        return float(m.group(1))
    return float(TEMPO.get(mood, template_bpm))


def key_for(mood: str, seed: int = 0) -> tuple[str, str]:
    if mood in MINOR_MOODS:
        return KEYS_MINOR[seed % len(KEYS_MINOR)], "minor"
    return KEYS_MAJOR[seed % len(KEYS_MAJOR)], "major"
