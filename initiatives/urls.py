from django.urls import path

from . import views

app_name = "initiatives"

urlpatterns = [
    path("", views.CampaignListView.as_view(), name="campaign_list"),
    path("<slug:slug>/", views.CampaignProgressView.as_view(), name="campaign"),
    path("<slug:slug>/don-vi/<slug:code>/", views.UnitProgressView.as_view(), name="unit"),
    path("<slug:slug>/tong-hop.json", views.TallyJsonView.as_view(), name="tally_json"),
    path("<slug:slug>/tong-hop.csv", views.TallyCsvView.as_view(), name="tally_csv"),
    path("<slug:slug>/tong-hop.xlsx", views.TallyXlsxView.as_view(), name="tally_xlsx"),
]
