from csp.middleware import CSPMiddleware
from django.conf import settings


class PublicSiteCSPMiddleware(CSPMiddleware):
    """The strict policy for the public site; the Wagtail admin ships its own inline code."""

    def process_response(self, request, response):
        if request.path.startswith("/admin/"):
            return response
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return super().process_response(request, response)
