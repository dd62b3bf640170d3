from django.urls import include, path

urlpatterns = [path("", include("ckeditor_uploader.urls"))]
