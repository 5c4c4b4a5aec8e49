"""Staff pages for publishing: dashboard, drafts, review, transitions."""

from django.urls import path

from . import views, workflow
from .concerns import views as concern_views
from .corrections import views as correction_views
from .duedates import views as due_date_views

app_name = "disclosure"
urlpatterns = [
    path("", views.DashboardIndexView.as_view(), name="dashboard-index"),
    path(
        "organisations/<slug:code>/",
        views.DashboardView.as_view(),
        name="dashboard",
    ),
    path("publications/", views.PublicationListView.as_view(), name="publication-list"),
    path(
        "publications/new/",
        views.PublicationCreateView.as_view(),
        name="publication-create",
    ),
    path(
        "publications/<int:pk>/",
        views.PublicationDetailView.as_view(),
        name="publication-detail",
    ),
    path(
        "publications/<int:pk>/edit/",
        views.PublicationEditView.as_view(),
        name="publication-edit",
    ),
    path(
        "publications/<int:pk>/attachments/",
        views.AttachmentAddView.as_view(),
        name="attachment-add",
    ),
    path(
        "publications/<int:pk>/attachments/<int:attachment_pk>/",
        views.AttachmentDownloadView.as_view(),
        name="attachment-download",
    ),
    path(
        "publications/<int:pk>/attachments/<int:attachment_pk>/remove/",
        views.AttachmentRemoveView.as_view(),
        name="attachment-remove",
    ),
    path(
        "publications/<int:pk>/submit/",
        workflow.SubmitView.as_view(),
        name="publication-submit",
    ),
    path(
        "publications/<int:pk>/personal-data/",
        workflow.MaskView.as_view(),
        name="publication-mask",
    ),
    path("publications/<int:pk>/review/", workflow.ReviewView.as_view(), name="review"),
    path(
        "publications/<int:pk>/withdraw/",
        workflow.WithdrawView.as_view(),
        name="publication-withdraw",
    ),
    path(
        "publications/<int:pk>/correct/",
        correction_views.CorrectView.as_view(),
        name="publication-correct",
    ),
    path(
        "publications/<int:pk>/mask-published/",
        correction_views.MaskPublishedView.as_view(),
        name="publication-mask-published",
    ),
    path(
        "publications/<int:pk>/validity/",
        workflow.ValidityView.as_view(),
        name="publication-validity",
    ),
    path(
        "publications/<int:pk>/interpretation/",
        workflow.InterpretationView.as_view(),
        name="publication-interpretation",
    ),
    path("concerns/", concern_views.ConcernListView.as_view(), name="concern-list"),
    path(
        "concerns/new/",
        concern_views.ConcernCreateView.as_view(),
        name="concern-create",
    ),
    path(
        "concerns/<int:pk>/",
        concern_views.ConcernDetailView.as_view(),
        name="concern-detail",
    ),
    path(
        "concerns/<int:pk>/respond/",
        concern_views.ConcernRespondView.as_view(),
        name="concern-respond",
    ),
    path(
        "concerns/<int:pk>/conference/",
        concern_views.ConcernConferenceView.as_view(),
        name="concern-conference",
    ),
    path(
        "notices/<int:pk>/dismiss/",
        due_date_views.NoticeDismissView.as_view(),
        name="notice-dismiss",
    ),
    path(
        "reviews/<int:pk>/print/",
        workflow.ReviewPrintView.as_view(),
        name="review-print",
    ),
]
