"""Content-Security-Policy on every response (django-csp), with what the admin's CKEditor 4 needs added there only.

The policy itself is in settings (`CSP_DIRECTIVES`, `CSP_ADMIN_ADDITIONS`); `CSP_REPORT_ONLY` sends it as
`Content-Security-Policy-Report-Only` instead. A view that must run one inline script of its own gives it
`nonce="{{ request.csp_nonce }}"`; django-csp then adds that nonce to the response's policy.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings


def additions_for(path):
    """The directives added to the site-wide policy for `path` (an empty dict on public pages)."""
    if not path.startswith(tuple(settings.CSP_ADMIN_PREFIXES)):
        return {}
    return {name: list(values) for name, values in settings.CSP_ADMIN_ADDITIONS.items()}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        additions = additions_for(request.path_info)
        for name, values in (parts.update or {}).items():
            additions.setdefault(name, []).extend(values if isinstance(values, list | tuple) else [values])
        if additions:
            parts.update = additions
        if request.path_info.startswith(tuple(settings.CSP_FRAMEABLE_PREFIXES)):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        return parts
