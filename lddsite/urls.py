from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Quản trị Cổng thông tin LĐLĐ tỉnh")
admin.site.site_title = _("Quản trị LĐLĐ tỉnh")
admin.site.index_title = _("Nội dung và dữ liệu")

urlpatterns = [
    path("quan-tri/hai-buoc/", include("security.urls")),
    path("quan-tri/", admin.site.urls),
    path("ckeditor/", include("news.ckeditor_urls")),
    path("sang-kien/", include("initiatives.urls")),
    path("tai-khoan/", include("accounts.urls")),
    path("tai-khoan/", include("initiatives.member_urls")),
    path("van-ban/", include("documents.urls")),
    path("hoi-dap/", include("legalqa.urls")),
    path("the/", include("tags.urls")),
    path("", include("about.urls")),
    path("", include("news.urls")),
]

handler404 = "news.views.page_not_found"
handler500 = "news.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
