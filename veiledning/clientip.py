"""The client's address, one way for login throttling and the security log.

Without `BEHIND_PROXY` the address is the connection's (`REMOTE_ADDR`), and any
`X-Forwarded-For` a client sends is ignored. With it, the address comes from the proxy's
`X-Forwarded-For`, read by django-ipware (not by hand). The proxy in front of `web` sets or
appends the address it saw (nginx: `proxy_set_header X-Forwarded-For $remote_addr`), and
`PROXY_COUNT` says how many further proxies append theirs after it; so the client's address is
the entry `PROXY_COUNT` places from the right, and whatever a client wrote to the left of it
is ignored. Without the header the connection's address is used.
"""

from django.conf import settings
from ipware.ip import get_client_ip


def client_address(request):
    connection = request.META.get("REMOTE_ADDR") or None
    if not getattr(settings, "BEHIND_PROXY", False):
        return connection
    address, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=settings.PROXY_COUNT,
        request_header_order=("HTTP_X_FORWARDED_FOR",),
        strict=False,
    )
    return address or connection
