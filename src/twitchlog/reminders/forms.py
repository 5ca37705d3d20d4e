from typing import Any

from django import forms

from twitchlog.reminders.models import ReminderSettings


class ReminderForm(forms.ModelForm):
    enabled = forms.TypedChoiceField(
        label="Daily check-in reminder",
        choices=[("0", "Off"), ("1", "On")],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    at = forms.TimeField(
        label="At",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text="Your own local time, wherever you are that day.",
        required=False,  # needed only when reminders are on (clean)
        error_messages={
            "required": "Give a time, such as 20:00.",
            "invalid": "Give a time, such as 20:00.",
        },
    )
    by_email = forms.BooleanField(label="By email", required=False)
    by_push = forms.BooleanField(
        label="As a notification on devices where you allow it",
        required=False,
        help_text="Allow it on each phone or computer with the button below.",
    )

    class Meta:
        model = ReminderSettings
        fields = ["enabled", "at", "by_email", "by_push"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial["enabled"] = "1" if self.instance.enabled else "0"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("enabled") is False:
            # Turning reminders off must never be refused over the time they would come at:
            # the stored time is kept for when they are turned on again.
            self.errors.pop("at", None)
            cleaned["at"] = self.instance.at
            return cleaned
        if cleaned.get("enabled") and "at" not in self.errors and not cleaned.get("at"):
            self.add_error("at", "Give a time, such as 20:00.")
        if cleaned.get("enabled") and not (cleaned.get("by_email") or cleaned.get("by_push")):
            self.add_error("by_email", "Choose at least one way to be reminded, or turn it off.")
        return cleaned


class SubscriptionForm(forms.Form):
    """A browser's push subscription: PushSubscription.toJSON(), its keys flattened."""

    endpoint = forms.CharField(max_length=1000)
    p256dh = forms.CharField(max_length=200)
    auth = forms.CharField(max_length=100)
