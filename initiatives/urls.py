from django.urls import path

from news import views as news_views

app_name = "initiatives"

urlpatterns = [path("", news_views.home, name="campaign_list")]
