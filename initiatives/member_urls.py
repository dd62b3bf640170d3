"""`/tai-khoan/…` pages about initiatives: a member's own, and the reviewers' queue."""

from django.urls import path

from . import review_views, submission_views

app_name = "members"

urlpatterns = [
    path("sang-kien/", submission_views.MyInitiativesView.as_view(), name="initiatives"),
    path("sang-kien/<int:pk>/", submission_views.MyInitiativeView.as_view(), name="initiative"),
    path("sang-kien/<int:pk>/sua/", submission_views.EditView.as_view(), name="edit"),
    path("sang-kien/<int:pk>/nop/", submission_views.SendView.as_view(), name="send"),
    path("duyet-sang-kien/", review_views.ReviewQueueView.as_view(), name="review_queue"),
    path("duyet-sang-kien/<int:pk>/", review_views.ReviewView.as_view(), name="review"),
]
