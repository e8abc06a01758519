"""One way to refuse a request a person made: the `Refusal` exception and `refuse()`.

Actions raise a `Refusal` (or a subclass) with a message meant for the person; a view may
catch it to re-render its form, or let it rise: `RefusalMiddleware` answers it. For htmx the
answer is the status with the message as text and in `X-Message` (base.js shows it as a
toast, and the page stays as it was); otherwise a page with the message and a way back.
"""

from urllib.parse import quote

from django.http import HttpResponse
from django.shortcuts import render


class Refusal(Exception):
    """A request refused for a reason the person can act on; `status` is the HTTP answer."""

    status = 400

    def __init__(self, message, *, status=None, code="invalid"):
        super().__init__(message)
        self.message = message
        self.code = code
        if status is not None:
            self.status = status

    def __str__(self):
        return self.message


def form_message(form):
    """Every error of an invalid form as one message for a refusal."""
    return " ".join(e for errors in form.errors.values() for e in errors)


def refuse(request, error, *, back=None, response=None):
    """The response for a refused request. `error` is a Refusal or a message; `response`, if
    given, is the region re-rendered as it now stands, which then carries the message."""
    if not isinstance(error, Refusal):
        error = Refusal(str(error))
    if response is None:
        if request.htmx:
            response = HttpResponse(error.message, content_type="text/plain; charset=utf-8")
        else:
            response = render(request, "refused.html", {"message": error.message, "back": back})
    response.status_code = error.status
    response["X-Message"] = quote(error.message)
    return response


class RefusalMiddleware:
    """Answers a `Refusal` that a view let rise, the same way everywhere."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Refusal):
            return refuse(request, exception)
        return None


class NoTracebackBelow500:
    """A logging filter: a refused request (403, 404, 429) is logged as one line, not with the
    traceback of the exception behind it, so a signed-in user cannot grow the log by megabytes."""

    def filter(self, record):
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
