"""Sharing an article: plain links to Zalo and Facebook, built on the server.

Nothing from those sites is loaded until the reader clicks, so nobody is
tracked by a page view and the content policy needs no third-party script.
"Sao chép liên kết" and the text size control are small enhancements in
`static/js/reading.js`; without JavaScript the links still work.
"""

from urllib.parse import urlencode

from django import template

register = template.Library()

FACEBOOK = "https://www.facebook.com/sharer/sharer.php"
ZALO = "https://zalo.me/share"


@register.inclusion_tag("news/_share.html", takes_context=True)
def share_links(context, article):
    url = context["request"].build_absolute_uri(article.get_absolute_url())
    return {
        "url": url,
        "facebook": f"{FACEBOOK}?{urlencode({'u': url})}",
        "zalo": f"{ZALO}?{urlencode({'url': url})}",
    }
