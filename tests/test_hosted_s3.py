"""S3 storage against moto's S3 server on 127.0.0.1: upload under the prefix, a SigV4 presigned
download link that works, and readable errors for a missing bucket or missing credentials."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from pipeline.errors import ConfigError
from pipeline.providers.s3_storage import S3Storage
from tests.fakes.fixtures import moto_s3, moto_s3_server  # noqa: F401
from tests.fakes.hosted import hosted_settings


def storage(tmp_path, s3, **over):
    return S3Storage(hosted_settings(tmp_path, s3=s3, **over))


def test_put_returns_a_working_presigned_link(tmp_path, moto_s3):
    data = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 40
    f = tmp_path / "ad_16x9.mp4"
    f.write_bytes(data)
    st = storage(tmp_path, moto_s3)
    url = st.put(None, f, "proj1/ad_16x9.mp4")
    parts = urlsplit(url)
    assert parts.netloc == urlsplit(moto_s3["endpoint"]).netloc
    assert parts.path == f"/{moto_s3['bucket']}/ads/proj1/ad_16x9.mp4"  # bucket, prefix, key (path style)
    q = parse_qs(parts.query)
    assert q["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"] and int(q["X-Amz-Expires"][0]) == 7 * 24 * 3600
    assert "testing-secret-key-123456" not in url  # the secret never appears, only its signature
    got = httpx.get(url)
    assert got.status_code == 200 and got.content == data
    assert got.headers["content-type"] == "video/mp4"
    # The key is sanitised: no way out of the prefix.
    url2 = st.put(None, f, "../../escape/../x.mp4")
    assert urlsplit(url2).path == f"/{moto_s3['bucket']}/ads/escape/x.mp4"


def test_missing_bucket_setting_names_the_variable(tmp_path):
    with pytest.raises(ConfigError, match="ADSTUDIO_S3_BUCKET"):
        S3Storage(hosted_settings(tmp_path, storage="s3"))


def test_bucket_that_does_not_exist(tmp_path, moto_s3):
    f = tmp_path / "poster.png"
    f.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    st = storage(tmp_path, {**moto_s3, "bucket": "no-such-bucket-adstudio"})
    with pytest.raises(ConfigError, match="does not exist"):
        st.put(None, f, "p/poster.png")


def test_missing_credentials_name_the_variables(tmp_path, moto_s3, monkeypatch):
    for var in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    with pytest.raises(ConfigError, match="AWS_ACCESS_KEY_ID"):
        storage(tmp_path, moto_s3)


def test_links_are_signed_for_the_bucket_region_not_the_default(tmp_path, moto_s3_server, monkeypatch):
    """A bucket in eu-west-2 with AWS_DEFAULT_REGION=us-east-1: uploads work either way, but a
    link signed for us-east-1 fails when opened. The link is signed for the bucket's region."""
    import uuid

    import boto3

    for var, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing-secret-key-123456",
                       "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(var, value)
    monkeypatch.delenv("AWS_REGION", raising=False)
    bucket = f"adstudio-eu-{uuid.uuid4().hex[:8]}"
    boto3.client("s3", endpoint_url=moto_s3_server, region_name="eu-west-2").create_bucket(
        Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    f = tmp_path / "ad.mp4"
    f.write_bytes(b"\x00" * 1024)
    st = storage(tmp_path, {"endpoint": moto_s3_server, "bucket": bucket})
    assert st.region == "us-east-1"  # what the environment says
    url = st.put(None, f, "p/ad.mp4")
    credential = parse_qs(urlsplit(url).query)["X-Amz-Credential"][0]
    assert "/eu-west-2/s3/" in credential
    assert httpx.get(url).status_code == 200


def test_the_region_comes_from_the_usual_aws_variables(tmp_path, moto_s3, monkeypatch):
    monkeypatch.delenv("AWS_REGION", raising=False)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-southeast-2")
    assert storage(tmp_path, moto_s3).region == "ap-southeast-2"  # no longer overridden by a default


def test_custom_endpoints_send_checksums_only_when_required(tmp_path, moto_s3, monkeypatch):
    """Hugging Face buckets and other S3-compatible stores refuse boto3's default CRC checksum
    headers; for a custom endpoint they are sent only when required (a setting overrides)."""
    cfg = storage(tmp_path, moto_s3).client.meta.config
    assert cfg.request_checksum_calculation == "when_required"
    assert cfg.response_checksum_validation == "when_required"
    forced = storage(tmp_path, moto_s3, s3_checksums="when_supported").client.meta.config
    assert forced.request_checksum_calculation == "when_supported"
