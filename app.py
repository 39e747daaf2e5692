"""`python app.py [--share] [--host HOST] [--port PORT]`: serve AdStudio (UI + HTTP API).

Settings come from the environment (see pipeline/config.py: ADSTUDIO_DATA_DIR, ADSTUDIO_PROFILE,
ADSTUDIO_RENDER_SLOTS, ADSTUDIO_AUTH=user:password, OPENAI_API_KEY, REPLICATE_API_TOKEN, ...).
On Hugging Face Spaces this file is the app_file; the Space sets the host and port.
"""

from __future__ import annotations

import argparse
import os
import sys


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python app.py", description="Serve the AdStudio studio in the browser.")
    ap.add_argument("--share", action="store_true", help="also open a temporary public link (gradio.live)")
    ap.add_argument("--host", default=None, help="interface to listen on (default 127.0.0.1; 0.0.0.0 for all; "
                                                  "or $GRADIO_SERVER_NAME)")
    ap.add_argument("--port", type=int, default=None, help="port (default 7860 or the next free one; "
                                                           "or $GRADIO_SERVER_PORT)")
    ap.add_argument("--data-dir", default=None, help="where projects live (default ./data or $ADSTUDIO_DATA_DIR)")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    from pipeline.config import Settings
    from pipeline.errors import AdStudioError

    try:
        settings = Settings.from_env(data_dir=args.data_dir)
        from studio.app import build_app, launch

        demo = build_app(settings)
    except AdStudioError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    launch(demo, share=args.share or None, server_name=args.host, server_port=args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
