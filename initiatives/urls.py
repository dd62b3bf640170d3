from django.urls import path

from security.methods import public_page

from . import views

app_name = "initiatives"

urlpatterns = [
    path("", public_page(views.CampaignListView.as_view()), name="campaign_list"),
    path("<slug:slug>/", public_page(views.CampaignProgressView.as_view()), name="campaign"),
    path("<slug:slug>/don-vi/<slug:code>/", public_page(views.UnitProgressView.as_view()), name="unit"),
    path("<slug:slug>/tong-hop.json", public_page(views.TallyJsonView.as_view()), name="tally_json"),
    path("<slug:slug>/tong-hop.csv", public_page(views.TallyCsvView.as_view()), name="tally_csv"),
    path("<slug:slug>/tong-hop.xlsx", public_page(views.TallyXlsxView.as_view()), name="tally_xlsx"),
]
