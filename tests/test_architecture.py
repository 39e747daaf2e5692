"""Boundaries the design promises: the pipeline never imports gradio, and the local path never
imports a hosted SDK."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_pipeline_source_never_imports_gradio():
    for path in (ROOT / "pipeline").rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] == "gradio" for n in names), f"{path} imports gradio"


def test_a_local_run_loads_no_gradio_and_no_hosted_sdk():
    code = (
        "import sys\n"
        "from pipeline.config import Settings\n"
        "from pipeline.run import build_context, create_project, make_brief, run_project\n"
        "import tempfile\n"
        "ctx = build_context(Settings.from_env(environ={}, data_dir=tempfile.mkdtemp()))\n"
        "p = create_project(ctx, make_brief(prompt='an ad for tea', width=160, height=90, duration_s=5))\n"
        "run_project(ctx, p.id, stop_after='references')\n"
        "print(sorted(m for m in ('gradio', 'openai', 'replicate', 'boto3') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
