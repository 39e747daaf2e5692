"""Finished files on S3 or any S3-compatible store (MinIO, Hugging Face buckets, R2...),
through boto3, returned as presigned download links (SigV4).

Settings: ADSTUDIO_S3_BUCKET (required), ADSTUDIO_S3_PREFIX, AWS_REGION and
ADSTUDIO_S3_ENDPOINT_URL for S3-compatible stores. Credentials come from boto3's usual chain
(AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, an instance role). boto3 is imported when
this provider is built, never at pipeline import. botocore's "standard" retry mode retries
throttling, 5xx and connection errors with exponential backoff and jitter.
"""

from __future__ import annotations

import mimetypes
import os
import threading
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import ConfigError, ProviderError
from . import http

PRESIGN_SECONDS = 7 * 24 * 3600  # the longest a SigV4 presigned URL may live


class S3Storage:
    name = "s3"
    version = "1"
    remote = True

    def __init__(self, settings: Settings) -> None:
        if not settings.s3_bucket:
            raise ConfigError("S3 storage needs a bucket: set ADSTUDIO_S3_BUCKET (and AWS_ACCESS_KEY_ID, "
                              "AWS_SECRET_ACCESS_KEY, AWS_REGION; ADSTUDIO_S3_ENDPOINT_URL for an S3-compatible "
                              "store), or ADSTUDIO_STORAGE=local")
        import boto3
        from botocore.config import Config

        self.bucket = settings.s3_bucket
        prefix = (settings.s3_prefix or "").strip("/")
        self.prefix = f"{prefix}/" if prefix else ""
        self.endpoint_url = settings.s3_endpoint_url or None
        # The region: the setting (AWS_REGION), else AWS_DEFAULT_REGION or the AWS profile's, as
        # every AWS tool reads them; links are then signed for the bucket's own region (below).
        configured = settings.s3_region or os.environ.get("AWS_DEFAULT_REGION") or None
        session = boto3.session.Session(region_name=configured)
        self.region = session.region_name or "us-east-1"
        self._session = session
        creds = session.get_credentials()
        if creds is None:
            raise ConfigError("S3 storage needs credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
                              "(or an AWS profile), or ADSTUDIO_STORAGE=local")
        frozen = creds.get_frozen_credentials()
        self._secrets = [s for s in (frozen.secret_key, frozen.token) if s]
        checksums = settings.s3_checksums or ("when_required" if self.endpoint_url else "when_supported")
        self._config = config = Config(signature_version="s3v4", region_name=self.region,
                        request_checksum_calculation=checksums, response_checksum_validation=checksums,
                        retries={"max_attempts": http.DEFAULT_POLICY.attempts, "mode": "standard"},
                        connect_timeout=10, read_timeout=http.DEFAULT_POLICY.timeout_s,
                        s3={"addressing_style": "path" if self.endpoint_url else "auto"})
        self.client: Any = session.client("s3", endpoint_url=self.endpoint_url, config=config)
        self._signer: Any = None
        self._signer_lock = threading.Lock()

    def signer(self) -> Any:
        """The client that signs download links: for the region the bucket lives in, asked once.
        A link signed for another region fails when opened (uploads work either way, since S3
        redirects them), so a bucket outside the configured region still gets working links."""
        from botocore.config import Config

        with self._signer_lock:
            if self._signer is None:
                region = self.region
                try:
                    where = self.client.get_bucket_location(Bucket=self.bucket).get("LocationConstraint")
                    # AWS answers nothing for us-east-1 and "EU" for old eu-west-1 buckets.
                    region = {None: "us-east-1", "": "us-east-1", "EU": "eu-west-1"}.get(where, where)
                except Exception:  # noqa: BLE001 - a store that cannot say keeps the configured region
                    pass
                self._signer = self.client if region == self.region else self._session.client(
                    "s3", endpoint_url=self.endpoint_url, region_name=region,
                    config=self._config.merge(Config(region_name=region)))
            return self._signer

    def price(self, what: str, units: float = 1.0) -> float:
        return 0.0  # storage and requests cost fractions of a cent per ad

    def key_for(self, key: str) -> str:
        clean = "/".join(p for p in str(key).replace("\\", "/").split("/") if p not in ("", ".", ".."))
        return self.prefix + clean

    def _error(self, exc: Exception, what: str) -> Exception:
        from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

        from boto3.exceptions import S3UploadFailedError

        if isinstance(exc, S3UploadFailedError):  # wraps the ClientError that says why
            inner = exc.__cause__ or exc.__context__
            if isinstance(inner, Exception):
                exc = inner
        if isinstance(exc, NoCredentialsError):
            return ConfigError("S3 storage needs credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
        if isinstance(exc, ClientError):
            err = exc.response.get("Error", {})
            code = str(err.get("Code", ""))
            detail = http.redact(err.get("Message") or code, self._secrets)
            if code in ("NoSuchBucket",):
                return ConfigError(f"S3 bucket {self.bucket!r} does not exist; create it or fix ADSTUDIO_S3_BUCKET")
            if code in ("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "403", "401"):
                return ConfigError(f"S3 refused {what} ({detail}); check AWS_ACCESS_KEY_ID, "
                                   "AWS_SECRET_ACCESS_KEY and the bucket's permissions")
            return ProviderError(f"S3: {what} failed: {detail}", retryable=True, provider="s3")
        if isinstance(exc, BotoCoreError):
            return ProviderError(f"S3: {what} failed: {http.redact(exc, self._secrets)}", retryable=True,
                                 provider="s3")
        return exc

    def put(self, ctx: Any, local_path: Path, key: str) -> str:
        local_path = Path(local_path)
        full = self.key_for(key)
        ctype = mimetypes.guess_type(local_path.name)[0] or "application/octet-stream"
        what = f"uploading {local_path.name}"
        try:
            self.client.upload_file(str(local_path), self.bucket, full,
                                    ExtraArgs={"ContentType": ctype,
                                               "ContentDisposition": f'attachment; filename="{local_path.name}"'})
            head = self.client.head_object(Bucket=self.bucket, Key=full)
            if int(head.get("ContentLength", -1)) != local_path.stat().st_size:
                raise ProviderError(f"S3: {local_path.name} arrived incomplete; run the export again",
                                    retryable=True, provider="s3")
            return self.signer().generate_presigned_url("get_object", Params={"Bucket": self.bucket, "Key": full},
                                                        ExpiresIn=PRESIGN_SECONDS)
        except ProviderError:
            raise
        except Exception as exc:  # noqa: BLE001 - boto's errors become readable ones
            err = self._error(exc, what)
            if err is exc:
                raise
            if not isinstance(err, (ConfigError, ProviderError)):
                err = ProviderError(f"S3: {what} failed: {http.redact(err, self._secrets)}", retryable=True,
                                    provider="s3")
            raise err from None
