from django.urls import path

from security.methods import public_page

from . import library_views, submission_views, views

app_name = "initiatives"

urlpatterns = [
    path("", public_page(views.CampaignListView.as_view()), name="campaign_list"),
    path("tep-dinh-kem/<int:pk>/", public_page(submission_views.AttachmentView.as_view()), name="attachment"),
    path("<slug:slug>/", public_page(views.CampaignProgressView.as_view()), name="campaign"),
    path("<slug:slug>/don-vi/<slug:code>/", public_page(views.UnitProgressView.as_view()), name="unit"),
    path("<slug:slug>/tong-hop.json", public_page(views.TallyJsonView.as_view()), name="tally_json"),
    path("<slug:slug>/tong-hop.csv", public_page(views.TallyCsvView.as_view()), name="tally_csv"),
    path("<slug:slug>/tong-hop.xlsx", public_page(views.TallyXlsxView.as_view()), name="tally_xlsx"),
    path("<slug:slug>/nop/", submission_views.SubmitView.as_view(), name="submit"),
    path("<slug:slug>/thu-vien/", public_page(library_views.LibraryView.as_view()), name="library"),
    path("<slug:slug>/thu-vien/<int:pk>/", public_page(library_views.LibraryEntryView.as_view()), name="library_entry"),
    path("<slug:slug>/thu-vien.json", public_page(library_views.LibraryJsonView.as_view()), name="library_json"),
]
