"""Staff URLs for on-request disclosure, under /staff/requests/."""

from django.urls import path

from . import views

app_name = "requests"


def step(route: str, view, name: str):
    return path(f"<int:pk>/{route}/", view.as_view(), name=name)


urlpatterns = [
    path("", views.QueueView.as_view(), name="queue"),
    path("new/", views.RegisterView.as_view(), name="register"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("<int:pk>/", views.DetailView.as_view(), name="detail"),
    step("confirm", views.ConfirmView, "confirm"),
    step("transfer", views.TransferView, "transfer"),
    step("correction", views.CorrectionView, "correction"),
    step("correction/received", views.CorrectionReceivedView, "correction-received"),
    step("lapse", views.LapseView, "lapse"),
    step("consultations", views.ConsultView, "consult"),
    path(
        "<int:pk>/consultations/<int:consultation_pk>/answer/",
        views.AnswerView.as_view(),
        name="answer",
    ),
    step("extension", views.ExtensionView, "extension"),
    step("extension/decision", views.ExtensionDecisionView, "extension-decision"),
    step("files", views.FileAddView, "file-add"),
    path(
        "<int:pk>/files/<int:file_pk>/",
        views.FileDownloadView.as_view(),
        name="file-download",
    ),
    path(
        "<int:pk>/files/<int:file_pk>/remove/",
        views.FileRemoveView.as_view(),
        name="file-remove",
    ),
    step("reply", views.ReplyView, "reply"),
    step("delivery", views.DeliverView, "deliver"),
    step("close", views.CloseView, "close"),
    step("archive", views.ArchiveView, "archive"),
    step("item", views.ItemView, "item"),
    step("challenges", views.ChallengeView, "challenge"),
    path(
        "<int:pk>/challenges/<int:challenge_pk>/",
        views.ChallengeDecisionView.as_view(),
        name="challenge-decision",
    ),
    path(
        "<int:pk>/letters/<slug:kind>.docx",
        views.LetterView.as_view(),
        name="letter",
    ),
    path(
        "<int:pk>/letters/<slug:kind>/",
        views.LetterPrintView.as_view(),
        name="letter-print",
    ),
]
