"""Staff URLs of participation, under /staff/consultations/ (the public ones:
``publicurls``)."""

from django.urls import path

from . import views

app_name = "participation-staff"

urlpatterns = [
    path("", views.ConsultationListView.as_view(), name="list"),
    path("new/", views.ConsultationFormView.as_view(), name="create"),
    path("say/", views.SayView.as_view(), name="say"),
    path("<int:pk>/", views.DetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.ConsultationFormView.as_view(), name="edit"),
    path("<int:pk>/publish/", views.PublishView.as_view(), name="publish"),
    path(
        "<int:pk>/comments/<int:comment_pk>/moderate/",
        views.ModerateView.as_view(),
        name="moderate",
    ),
    path("<int:pk>/feedback/", views.FeedbackView.as_view(), name="feedback"),
    path("<int:pk>/summary/", views.SummaryView.as_view(), name="summary"),
]
