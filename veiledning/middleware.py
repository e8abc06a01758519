import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware as BaseLoginRequiredMiddleware
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django_htmx.http import HttpResponseClientRedirect


class LoginRequiredMiddleware(BaseLoginRequiredMiddleware):
    """Every page needs login. htmx requests get 401 with HX-Redirect instead of a 302
    that htmx would follow and swap a login form into the middle of a page."""

    def handle_no_permission(self, request, view_func):
        response = super().handle_no_permission(request, view_func)
        if getattr(request, "htmx", False):
            redirect = HttpResponseClientRedirect(response.url)
            redirect.status_code = 401
            return redirect
        return response


class NoStoreMiddleware:
    """Pages hold personal data (survey answers): no browser or proxy may keep a copy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control") or isinstance(response, HttpResponse):
            patch_cache_control(response, no_store=True, private=True)
        return response


class LanguageMiddleware:
    """Norwegian Bokmål unless the user chose another language with the switch (a cookie).

    Unlike Django's LocaleMiddleware it ignores the browser's Accept-Language: the working
    group shares one vocabulary, and an English browser must not change it unasked."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class HeadAsGetMiddleware:
    """HEAD is answered wherever GET is (many views are `@require_GET`, which refuses HEAD):
    the request runs as the GET it stands for and the answer keeps its headers, without a body.
    GET writes nothing but a download's line in the survey's history, which a HEAD (marked
    `request.head`) leaves out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "HEAD":
            return self.get_response(request)
        request.method, request.head = "GET", True
        response = self.get_response(request)
        request.method = "HEAD"
        if response.streaming:
            response.streaming_content = []
        elif not response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        else:
            response.content = b""
        return response


class IdleTimeoutMiddleware:
    """Signs out a session unused for `SESSION_IDLE_SECONDS`, beside the absolute lifetime
    (`SESSION_COOKIE_AGE`). The last-seen time is written at most once a minute, so a coder's
    hundreds of requests an hour do not each write the session."""

    KEY = "last_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(self.KEY)
            if last is not None and now - last > settings.SESSION_IDLE_SECONDS:
                logout(request)  # LoginRequiredMiddleware then sends the person to the login page
            elif last is None or now - last >= 60:
                request.session[self.KEY] = now
        return self.get_response(request)
