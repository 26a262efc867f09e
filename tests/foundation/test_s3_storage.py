"""Django's default storage configured for S3 writes to a real SeaweedFS server."""

import boto3
import pytest
from django.core.files.base import ContentFile

pytestmark = pytest.mark.integration


def test_file_saved_through_default_storage_lands_in_seaweedfs(s3_storage, seaweedfs):
    body = "Chứng nhận hoàn thành".encode()

    name = s3_storage.save("probe/hello.txt", ContentFile(body))

    client = boto3.client(
        "s3", endpoint_url=seaweedfs.endpoint_url, aws_access_key_id=seaweedfs.access_key,
        aws_secret_access_key=seaweedfs.secret_key, region_name=seaweedfs.region,
    )
    raw = client.get_object(Bucket=seaweedfs.bucket, Key=f"{s3_storage.location}/{name}")["Body"].read()
    assert raw == body
    with s3_storage.open(name) as stored:
        assert stored.read() == body
    directories, files = s3_storage.listdir("probe")
    assert files == ["hello.txt"]
    assert s3_storage.size(name) == len(body)

    s3_storage.delete(name)

    assert not s3_storage.exists(name)
    assert s3_storage.listdir("probe") == ([], [])


def test_seaweedfs_refuses_a_wrong_secret(seaweedfs):
    client = boto3.client(
        "s3", endpoint_url=seaweedfs.endpoint_url, aws_access_key_id=seaweedfs.access_key,
        aws_secret_access_key="not-the-secret", region_name=seaweedfs.region,
    )

    with pytest.raises(Exception, match="SignatureDoesNotMatch|AccessDenied|InvalidAccessKeyId"):
        client.put_object(Bucket=seaweedfs.bucket, Key="forged.txt", Body=b"x")
