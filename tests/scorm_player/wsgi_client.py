"""Requests through `config.wsgi.application`, the entry point gunicorn serves.

Django's test client calls Django's handler directly, so it never reaches what
`config.wsgi` puts in front of it (`scorm_player.wsgi.CommitRoute`, which answers commits).
"""

import json

from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test.client import RequestFactory
from django.utils.datastructures import CaseInsensitiveMapping

from config.wsgi import application


class WsgiResponse:
    def __init__(self, status, headers, content):
        self.status_code = int(status.split(" ", 1)[0])
        self.reason = status.split(" ", 1)[1]
        self.header_list = headers
        self.headers = CaseInsensitiveMapping(dict(headers))
        self.content = content

    def json(self):
        return json.loads(self.content)

    def __getitem__(self, name):
        return self.headers[name]

    def __contains__(self, name):
        return name in self.headers


class WsgiClient:
    """`keep_test_transaction`: as Django's test client does, the request's signals do not
    close the database connection (it holds the test's transaction)."""

    def __init__(self, *, keep_test_transaction=True):
        self.keep_test_transaction = keep_test_transaction

    def post(self, path, data=b"", content_type="application/json", headers=None):
        return self.request(RequestFactory().post(path, data, content_type=content_type, headers=headers).environ)

    def get(self, path):
        return self.request(RequestFactory().get(path).environ)

    def request(self, environ):
        answer = {}

        def start_response(status, headers, exc_info=None):
            answer.update(status=status, headers=headers)

        if self.keep_test_transaction:
            request_started.disconnect(close_old_connections)
            request_finished.disconnect(close_old_connections)
        try:
            body = application(environ, start_response)
            try:
                content = b"".join(body)
            finally:
                if hasattr(body, "close"):
                    body.close()
        finally:
            if self.keep_test_transaction:
                request_started.connect(close_old_connections)
                request_finished.connect(close_old_connections)
        return WsgiResponse(answer["status"], answer["headers"], content)
