from django.urls import path

from . import library_views, submission_views, views

app_name = "initiatives"

urlpatterns = [
    path("", views.CampaignListView.as_view(), name="campaign_list"),
    path("tep-dinh-kem/<int:pk>/", submission_views.AttachmentView.as_view(), name="attachment"),
    path("<slug:slug>/", views.CampaignProgressView.as_view(), name="campaign"),
    path("<slug:slug>/don-vi/<slug:code>/", views.UnitProgressView.as_view(), name="unit"),
    path("<slug:slug>/tong-hop.json", views.TallyJsonView.as_view(), name="tally_json"),
    path("<slug:slug>/tong-hop.csv", views.TallyCsvView.as_view(), name="tally_csv"),
    path("<slug:slug>/tong-hop.xlsx", views.TallyXlsxView.as_view(), name="tally_xlsx"),
    path("<slug:slug>/nop/", submission_views.SubmitView.as_view(), name="submit"),
    path("<slug:slug>/thu-vien/", library_views.LibraryView.as_view(), name="library"),
    path("<slug:slug>/thu-vien/<int:pk>/", library_views.LibraryEntryView.as_view(), name="library_entry"),
    path("<slug:slug>/thu-vien.json", library_views.LibraryJsonView.as_view(), name="library_json"),
]
