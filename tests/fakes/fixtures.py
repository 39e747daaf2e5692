"""pytest fixtures for the fake hosted services. Import the ones a test module uses:

    from tests.fakes.fixtures import fake_openai, fake_replicate, moto_s3, moto_s3_server, fast_retries  # noqa: F401

(moto_s3 needs moto_s3_server imported too; pytest finds fixtures by name in the module.)
"""

from __future__ import annotations

import pytest

from .servers import FakeOpenAI, FakeReplicate

# Fast waits, same logic. The timescale compresses Replicate's clock a thousandfold: a new
# account's pace of six creates a minute becomes one every 10 ms.
FAST = dict(attempts=4, base_delay_s=0.01, max_delay_s=0.05, timeout_s=3.0, poll_interval_s=0.005,
            prediction_timeout_s=20.0, download_timeout_s=10.0, timescale=0.001)


@pytest.fixture
def fast_retries(monkeypatch):
    """Providers built in this test retry and poll quickly (same logic, shorter waits)."""
    from pipeline.providers import http

    policy = http.RetryPolicy(**FAST)
    monkeypatch.setattr(http, "DEFAULT_POLICY", policy)
    return policy


@pytest.fixture
def fake_openai():
    server = FakeOpenAI().start()
    yield server
    server.stop()


@pytest.fixture
def fake_replicate():
    server = FakeReplicate().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def moto_s3_server():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def moto_s3(moto_s3_server, monkeypatch):
    """An S3 endpoint on 127.0.0.1 (moto's server mode) with a fresh bucket; credentials are
    moto's dummy ones, set in the environment the way a person would set theirs."""
    import uuid

    import boto3

    for var, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing-secret-key-123456",
                       "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(var, value)
    for var in ("AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_SECURITY_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    bucket = f"adstudio-{uuid.uuid4().hex[:8]}"
    boto3.client("s3", endpoint_url=moto_s3_server, region_name="us-east-1").create_bucket(Bucket=bucket)
    return {"endpoint": moto_s3_server, "bucket": bucket}
