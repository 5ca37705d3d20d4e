from typing import Any
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from twitchlog.accounts.models import User
from twitchlog.core.navigation import safe_next


def _login_through_the_site(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """The admin has no password form of its own: it signs in through the site's login,
    which is throttled (accounts/lockout.py), then comes back."""
    target = safe_next(request) or reverse("admin:index")
    return redirect(f"{reverse('accounts:login')}?{urlencode({'next': target})}")


admin.site.login = _login_through_the_site  # type: ignore[method-assign]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "display_name", "time_zone", "is_staff", "date_joined")
    search_fields = ("email", "display_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("display_name", "time_zone", "country")}),
        ("Consent", {"fields": ("health_data_consent_at",)}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    readonly_fields = ("health_data_consent_at",)
