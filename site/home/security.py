"""Small security helpers shared by every app: the client's address and a cache-based rate limit."""

import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import cache

UNKNOWN_ADDRESS = "0.0.0.0"


def client_ip(request) -> str:
    """The visitor's address; behind ``TRUSTED_PROXY_COUNT`` proxies, taken from X-Forwarded-For.

    Proxies append the address they saw, so the trustworthy entry is counted from the right;
    anything further left was written by the client and may be forged. Also used by django-axes.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    address = request.META.get("REMOTE_ADDR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            address = hops[-proxies]
    # Always a valid address: axes stores it in an inet column on PostgreSQL. Requests without one (internal
    # requests, test clients) share the unspecified address.
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return UNKNOWN_ADDRESS


def rate_limited(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one attempt for ``key`` in ``scope``; True once more than ``limit`` were made within ``window`` seconds.

    The key is hashed, so no e-mail address or IP address ends up in the cache as such.
    A fixed window per key: the first attempt starts it, it expires ``window`` seconds later.
    """
    digest = hashlib.sha256(f"{scope}:{key}".lower().encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{digest}"
    if cache.add(cache_key, 1, timeout=window):
        return limit < 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=window)
        count = 1
    return count > limit
