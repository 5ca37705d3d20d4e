from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation

from twitchlog.accounts.models import User, validate_time_zone
from twitchlog.core.countries import countries
from twitchlog.core.forms import single_line
from twitchlog.core.timezones import all_zones
from twitchlog.knowledge.care import normalise_country


def resolve_time_zone(text: str) -> str:
    """Accept what people type: exact IANA names in any case, or a unique city name.

    "london" becomes "Europe/London"; anything else is returned unchanged for the validator
    to explain.
    """
    text = text.strip().replace(" ", "_")
    zones = all_zones()
    by_lower = {z.lower(): z for z in zones}
    if text.lower() in by_lower:
        return by_lower[text.lower()]
    cities = [z for z in zones if z.rsplit("/", 1)[-1].lower() == text.lower()]
    return cities[0] if len(cities) == 1 else text


class TimeZoneField(forms.CharField):
    widget = forms.TextInput(
        attrs={
            "list": "time-zones",
            "autocomplete": "off",
            "spellcheck": "false",
            "data-guess-timezone": "",
        }
    )

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault(
            "help_text", "Your diary days follow this zone. Type a city, e.g. Europe/Berlin."
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        return resolve_time_zone(super().to_python(value) or "")

    def validate(self, value: Any) -> None:
        super().validate(value)
        validate_time_zone(value)


class SignUpForm(forms.Form):
    email = forms.EmailField(
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )
    password = forms.CharField(
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters. A few unrelated words work well.",
    )
    time_zone = TimeZoneField(initial="UTC")
    consent = forms.BooleanField(
        label="I agree that Twitchlog stores the health information I choose to enter, "
        "as described in the privacy notice.",
        error_messages={
            "required": "We can only keep a diary for you with your consent to store it."
        },
    )

    def __init__(self, *args: Any, say_if_taken: bool = True, **kwargs: Any) -> None:
        # On a server the form never says an address has an account (accounts/services.py,
        # request_sign_up); a local install, with nobody to hide it from, says so at once.
        self.say_if_taken = say_if_taken
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if self.say_if_taken and User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "There is already an account with this email. Log in instead, or reset the "
                "password if you have forgotten it.",
                code="duplicate_email",
            )
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if password:
            try:
                password_validation.validate_password(
                    password, User(email=cleaned.get("email", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class LoginForm(forms.Form):
    email = forms.EmailField(
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )
    password = forms.CharField(
        strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class CountryField(forms.ChoiceField):
    """A list of countries by name; a code typed or sent by hand ("uk", "de") is read too."""

    def to_python(self, value: Any) -> str:
        return normalise_country(str(value or ""))


class ProfileForm(forms.ModelForm):
    time_zone = TimeZoneField()
    country = CountryField(
        choices=[("", "Not chosen"), *countries()],
        required=False,
        help_text="It picks the crisis lines and emergency number we show you.",
        error_messages={"invalid_choice": "Choose your country from the list."},
        widget=forms.Select(attrs={"autocomplete": "country"}),
    )

    class Meta:
        model = User
        fields = ["display_name", "time_zone", "country"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Older profiles may hold "UK"; the list knows it as GB.
        self.initial["country"] = normalise_country(self.initial.get("country", ""))
        single_line(self, "display_name")


class ConfirmPasswordForm(forms.Form):
    password = forms.CharField(
        strip=False,
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That password is not right.", code="wrong_password")
        return password


class TokenForm(ConfirmPasswordForm):
    """A new API token: its name, and the password again, since a token reads everything
    and a session left open on a shared computer should not be enough to make one."""

    field_order = ["name", "password"]

    name = forms.CharField(
        max_length=80,
        label="What is this token for?",
        error_messages={"required": "Give the token a name, so you know later what uses it."},
        widget=forms.TextInput(attrs={"placeholder": "e.g. my phone shortcut"}),
    )


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    end_tokens = forms.BooleanField(
        label="Also end my API tokens",
        required=False,
        initial=True,
        help_text="Anything that uses one stops working until you make a new token.",
    )
