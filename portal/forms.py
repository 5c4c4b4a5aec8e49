"""The admin's base form: every edit states its reason and is refused when stale."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_history_manager_for_model


class AuditedModelForm(forms.ModelForm):
    """A model form with a "reason for change" that the history records.

    The reason is required when changing an existing object and optional when
    adding one, where "created" says enough. The form remembers the object's
    newest history record when it was opened and refuses to save over a change
    made since, instead of silently overwriting it.
    """

    change_reason = forms.CharField(
        label=_("Reason for change"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Recorded in the history with your name, e.g. the announcement or "
            "the document that asks for the change."
        ),
    )
    seen_history_id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding:
            self.fields["change_reason"].required = True
            latest = self._latest_history()
            self.fields["seen_history_id"].initial = latest and latest.history_id

    def _latest_history(self):
        if self.instance.pk is None:
            return None
        history = get_history_manager_for_model(self.instance)
        return history.select_related("history_user").order_by("-history_id").first()

    def _lock_row(self) -> None:
        """Hold the row until the save commits, so two saves that both opened the
        same version cannot both pass the check (the admin's views are atomic)."""
        manager = type(self.instance)._default_manager
        if transaction.get_connection(manager.db).in_atomic_block:
            list(
                manager.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("pk", flat=True)
            )

    def clean(self):
        cleaned = super().clean()
        if self.instance._state.adding or "seen_history_id" not in self.fields:
            return cleaned
        self._lock_row()
        latest = self._latest_history()
        seen = cleaned.get("seen_history_id")
        if latest is not None and latest.history_id != seen:
            when = timezone.localtime(latest.history_date).strftime("%Y-%m-%d %H:%M")
            raise ValidationError(
                gettext(
                    "“%(object)s” was changed by %(user)s at %(when)s after you "
                    "opened it. Your change was not saved; reload the page and "
                    "make your change again."
                )
                % {
                    "object": self.instance,
                    "user": latest.history_user or gettext("someone"),
                    "when": when,
                },
                code="stale",
            )
        return cleaned
