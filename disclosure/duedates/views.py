"""Dismissing a due-date notice from a dashboard."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View

from portal.selectors import organisations_for

from ..models import DueDateNotice
from .services import notice_dismiss


class NoticeDismissView(LoginRequiredMixin, View):
    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, pk):
        if not request.user.has_perm("disclosure.view_publication"):
            raise PermissionDenied
        notice = get_object_or_404(
            DueDateNotice.objects.filter(
                organisation__in=organisations_for(request.user)
            ),
            pk=pk,
        )
        notice_dismiss(notice=notice, user=request.user)
        messages.success(request, _("The notice was dismissed."))
        code = request.POST.get("dashboard") or notice.organisation.code
        if not organisations_for(request.user).filter(code=code).exists():
            code = notice.organisation.code
        return redirect("disclosure:dashboard", code=code)
