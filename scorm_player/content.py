"""Stream a package file from the default storage through the LMS's own origin.

The SCO must be same-origin with the player (it calls window.parent.API), so files
are not redirected to S3. Range requests are honoured (audio and video seek).
"""

import contextlib
import errno
import hashlib
import itertools
import mimetypes
import os
import re
import time

from botocore.exceptions import BotoCoreError, ClientError
from django.core import signing
from django.http import FileResponse, HttpResponse, StreamingHttpResponse

from .storage import is_local

CONTENT_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".css": "text/css",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".svg": "image/svg+xml",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".mp3": "audio/mpeg",
    ".xml": "application/xml",
    ".xsd": "application/xml",
    ".swf": "application/x-shockwave-flash",
    ".vtt": "text/vtt",
}
# --- Access proof in the URL: content requests need no session, user or access-rule query
# (but for a recheck at most once a minute, scorm_player.access.session_still_may_play).

CONTENT_TOKEN_SALT = "scorm_player.content"
# Tokens are the same for a whole window, so a learner's browser cache keeps working
# across page loads; each is valid one to two windows (a SCO left open for hours).
CONTENT_TOKEN_WINDOW_SECONDS = 6 * 3600


def content_token(version, session_key, *, now=None) -> str:
    """Proof that the player checked the learner may play `version`: a path segment of the
    content URL (the SCO's relative links keep it). Carries the version's storage prefix,
    so serving a file needs no query, and is bound to the learner's login session: copied
    to another browser, or after logging out, the URL opens nothing."""
    return signing.Signer(salt=CONTENT_TOKEN_SALT).sign_object(
        [version.pk, content_token_expiry(now=now), version.storage_prefix, _session_tag(session_key)]
    )


def content_token_expiry(*, now=None) -> int:
    """When a content token issued `now` stops opening files (seconds since the epoch)."""
    now = time.time() if now is None else now
    return (int(now) // CONTENT_TOKEN_WINDOW_SECONDS + 2) * CONTENT_TOKEN_WINDOW_SECONDS


def content_token_read(token, version_id, session_key, *, now=None):
    """The storage prefix a valid, unexpired token for `version_id` and this session grants, else None."""
    try:
        granted_version, expires, prefix, session_tag = signing.Signer(salt=CONTENT_TOKEN_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    now = time.time() if now is None else now
    if granted_version != version_id or type(expires) is not int or expires <= now or type(prefix) is not str:
        return None
    if not session_key or session_tag != _session_tag(session_key):
        return None
    return prefix


def _session_tag(session_key):
    # A digest, not the key: URLs end up in logs and browser history.
    return hashlib.sha256(session_key.encode()).hexdigest()[:20]


_RANGE = re.compile(r"^bytes=(\d{0,19})-(\d{0,19})$")  # more digits: no file is that large
CHUNK = 256 * 1024


def content_type_of(name, head=b""):
    """The Content-Type of a package file; `head`: its first bytes, for an HTML page."""
    extension = os.path.splitext(name)[1].lower()
    content_type = CONTENT_TYPES.get(extension) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    if content_type == _HTML_UTF8 and _DECLARED_CHARSET.search(head):
        # A page that names its charset in its first 1,024 bytes, as browsers look for it (a
        # legacy page in windows-1258, or in the 8-bit fonts of TCVN3 and VNI), is read in
        # that charset; a header naming utf-8 would override it.
        return "text/html"
    return content_type


_HTML_UTF8 = CONTENT_TYPES[".html"]
_DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset\s*=", re.IGNORECASE)
PRESCAN_BYTES = 1024


def _range_asked(request, etag):
    """The Range header, parsed once: (first, last), either None when not given; or None
    to send the whole file."""
    if request.method != "GET":
        return None  # only GET has ranges (RFC 9110 §14.2)
    if request.headers.get("If-Range", etag) != etag:
        return None  # parts of another file (or of a date: none is sent) would not fit together
    header = request.headers.get("Range")
    match = _RANGE.match(header.strip()) if header else None
    if not match or match.groups() == ("", ""):
        return None
    first, last = (int(group) if group else None for group in match.groups())
    if first is not None and last is not None and last < first:
        return None  # invalid, not unsatisfiable: ignored (RFC 9110 §14.2)
    return first, last


def _byte_range(asked, size):
    """(start, end) inclusive of an asked range in a file of `size` bytes, or "unsatisfiable"."""
    first, last = asked
    if first is None:
        start, end = max(0, size - last), size - 1
    else:
        start, end = first, size - 1 if last is None else min(last, size - 1)
    if start >= size or start > end:
        return "unsatisfiable"
    return start, end


def _limited(stream, length):
    try:
        while length > 0:
            chunk = stream.read(min(CHUNK, length))
            if not chunk:
                break
            length -= len(chunk)
            yield chunk
    finally:
        stream.close()


class StorageUnavailable(Exception):
    """The object storage could not be reached, or failed to answer."""


def content_response(request, storage, name, *, etag):
    """The file `name` of `storage` as an HTTP response; raises FileNotFoundError (also for a
    name the storage refuses) or StorageUnavailable."""
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    elif is_local(storage):
        response = _local_response(request, storage.path(name), _range_asked(request, etag))
    else:
        response = _object_storage_response(request, storage, name, _range_asked(request, etag))
    response["ETag"] = etag
    # Files live under a content-addressed prefix: a URL always means the same bytes.
    response["Cache-Control"] = "private, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    response["Accept-Ranges"] = "bytes"
    return response


def _local_response(request, path, asked):
    try:
        size = os.path.getsize(path)
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            raise FileNotFoundError(path) from None  # no file can have that name
        raise
    wanted = _byte_range(asked, size) if asked else None
    if wanted == "unsatisfiable":
        return _unsatisfiable(size)
    stream = open(path, "rb")
    content_type = content_type_of(path)
    if content_type == _HTML_UTF8:
        content_type = content_type_of(path, stream.read(PRESCAN_BYTES))
        stream.seek(0)
    if request.method == "HEAD":
        stream.close()
        return _headers_only(size, content_type)
    if wanted is None:
        response = FileResponse(stream, content_type=content_type)
        response["Content-Length"] = str(size)
        return response
    start, end = wanted
    stream.seek(start)
    return _partial(_limited(stream, end - start + 1), start, end, size, content_type)


# Object storage answers meaning there is no file by that name (a key it refuses included;
# a HEAD's answer has no body, so only its status: a bucket gone looks the same there).
_NO_SUCH_FILE = {"NoSuchKey", "404", "400", "NotFound", "InvalidRequest", "KeyTooLongError", "InvalidArgument", "InvalidURI"}


def _object_storage_response(request, storage, name, asked):
    client = storage.connection.meta.client
    arguments = {"Bucket": storage.bucket_name, "Key": storage._normalize_name(name)}
    try:
        if asked or request.method == "HEAD":
            return _object_by_size(client, arguments, name, asked)
        obj = client.get_object(**arguments)
        body, length = obj["Body"], int(obj["ContentLength"])
        content_type = content_type_of(name)
        if content_type == _HTML_UTF8:
            head = body.read(min(PRESCAN_BYTES, length))
            content_type = content_type_of(name, head)
            chunks = itertools.chain([head], _limited(body, length - len(head)))
        else:
            chunks = _limited(body, length)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in _NO_SUCH_FILE:
            raise FileNotFoundError(name) from None
        # The storage failing, or refusing the LMS itself (credentials, bucket): not the learner's doing.
        raise StorageUnavailable(name) from error
    except BotoCoreError as error:  # out of reach, or the connection broke
        raise StorageUnavailable(name) from error
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Length"] = str(length)
    return response


def _object_by_size(client, arguments, name, asked):
    """A part of the object, or without `asked` the headers for HEAD (no download). The size
    first, so the range is worked out as for a local file and the object storage is asked
    for exact bytes (S3 servers differ on odd ranges)."""
    size = int(client.head_object(**arguments)["ContentLength"])
    wanted = _byte_range(asked, size) if asked else None
    if wanted == "unsatisfiable":
        return _unsatisfiable(size)
    content_type = content_type_of(name)
    if content_type == _HTML_UTF8 and size:
        # A part of a page, or its HEAD, has the whole page's type: its charset is in the first bytes.
        head = client.get_object(**arguments, Range=f"bytes=0-{PRESCAN_BYTES - 1}")["Body"]
        with contextlib.closing(head):
            content_type = content_type_of(name, head.read())
    if wanted is None:
        return _headers_only(size, content_type)
    start, end = wanted
    body = client.get_object(**arguments, Range=f"bytes={start}-{end}")["Body"]
    return _partial(_limited(body, end - start + 1), start, end, size, content_type)


def _partial(chunks, start, end, size, content_type):
    response = StreamingHttpResponse(chunks, status=206, content_type=content_type)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Length"] = str(end - start + 1)
    return response


def _headers_only(size, content_type):
    # What GET would send but the body: not every WSGI server drops a HEAD answer's body.
    response = HttpResponse(content_type=content_type)
    response["Content-Length"] = str(size)
    return response


def _unsatisfiable(size):
    response = HttpResponse(status=416)
    response["Content-Range"] = f"bytes */{size}"
    return response
