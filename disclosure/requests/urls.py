"""Staff URLs of on-request disclosure, under /staff/requests/ (the public ones:
``publicurls``)."""

from django.urls import path

from . import stepviews, views


def step(route: str, view, name: str):
    return path(f"<int:pk>/{route}/", view.as_view(), name=name)


app_name = "requests"

urlpatterns = [
    path("", views.QueueView.as_view(), name="queue"),
    path("new/", views.RegisterView.as_view(), name="register"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("<int:pk>/", views.DetailView.as_view(), name="detail"),
    step("confirm", stepviews.ConfirmView, "confirm"),
    step("transfer", stepviews.TransferView, "transfer"),
    step("correction", stepviews.CorrectionView, "correction"),
    step(
        "correction/received", stepviews.CorrectionReceivedView, "correction-received"
    ),
    step("lapse", stepviews.LapseView, "lapse"),
    step("consultations", stepviews.ConsultView, "consult"),
    path(
        "<int:pk>/consultations/<int:consultation_pk>/answer/",
        stepviews.AnswerView.as_view(),
        name="answer",
    ),
    step("extension", stepviews.ExtensionView, "extension"),
    step("extension/decision", stepviews.ExtensionDecisionView, "extension-decision"),
    step("files", stepviews.FileAddView, "file-add"),
    path(
        "<int:pk>/files/<int:file_pk>/",
        stepviews.FileDownloadView.as_view(),
        name="file-download",
    ),
    path(
        "<int:pk>/files/<int:file_pk>/remove/",
        stepviews.FileRemoveView.as_view(),
        name="file-remove",
    ),
    step("reply", stepviews.ReplyView, "reply"),
    step("delivery", stepviews.DeliverView, "deliver"),
    step("close", stepviews.CloseView, "close"),
    step("archive", stepviews.ArchiveView, "archive"),
    step("item", stepviews.ItemView, "item"),
    step("challenges", stepviews.ChallengeView, "challenge"),
    path(
        "<int:pk>/challenges/<int:challenge_pk>/",
        stepviews.ChallengeDecisionView.as_view(),
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
