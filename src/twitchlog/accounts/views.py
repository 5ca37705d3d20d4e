from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from twitchlog.accounts import lockout, services
from twitchlog.accounts.forms import (
    ConfirmPasswordForm,
    LoginForm,
    PasswordChangeForm,
    ProfileForm,
    SignUpForm,
    TokenForm,
)
from twitchlog.accounts.models import ApiToken
from twitchlog.accounts.types import AuthedRequest
from twitchlog.core import throttle
from twitchlog.core.access import get_owned_or_404
from twitchlog.core.forms import working_copy
from twitchlog.core.navigation import safe_next
from twitchlog.core.registry import deletion_notes, render_panels
from twitchlog.core.throttle import Limit
from twitchlog.core.timezones import all_zones

# Asks the browser to drop what the site kept on the device (the offline pages, entries waiting
# to be sent, the service worker) when someone logs out or deletes their account.
FORGET_DEVICE = '"cache", "storage"'
# The address a sign-up link went to, kept in the session (not the URL) for the "sent" page.
SENT_TO = "signup_sent_to"
LINK_DAYS = services.SIGNUP_LINK_LIFETIME.days


def _limits(request: HttpRequest, scope: str, email: str) -> list[Limit]:
    limits = [Limit(f"{scope}-ip", throttle.client_ip(request), settings.THROTTLE_MAX_PER_IP)]
    if email:
        limits.append(Limit(f"{scope}-account", email, settings.THROTTLE_MAX_PER_ACCOUNT))
    return limits


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:home")
    by_link = settings.SIGNUP_CONFIRM_BY_EMAIL
    form = SignUpForm(request.POST or None, say_if_taken=not by_link)
    status = 200
    if request.method == "POST":
        limits = _limits(request, "signup", request.POST.get("email", "").strip())
        if wait := throttle.blocked_for(limits):
            form.add_error(None, throttle.wait_message(wait))
            status = 429
        else:
            throttle.record(limits)
            if form.is_valid() and by_link:
                email = form.cleaned_data["email"]
                services.request_sign_up(
                    email,
                    form.cleaned_data["password"],
                    form.cleaned_data["time_zone"],
                    safe_next(request) or "",
                )
                request.session[SENT_TO] = email
                return redirect("accounts:signup_sent")
            if form.is_valid():
                user = services.sign_up(
                    form.cleaned_data["email"],
                    form.cleaned_data["password"],
                    form.cleaned_data["time_zone"],
                )
                login(request, user)  # the one backend (settings)
                messages.success(request, "Welcome. Your account is ready.")
                # Someone who was on the way to a test when asked to sign up goes on to it.
                return redirect(safe_next(request) or "core:home")
    ctx = {"form": form, "zones": all_zones(), "next": safe_next(request) or ""}
    return render(request, "accounts/signup.html", ctx, status=status)


def signup_sent(request: HttpRequest) -> HttpResponse:
    # The same page whether or not the address had an account: what the email says differs.
    ctx = {"email": request.session.get(SENT_TO, ""), "days": LINK_DAYS}
    return render(request, "accounts/signup_sent.html", ctx)


def signup_confirm(request: HttpRequest, key: str) -> HttpResponse:
    """The emailed link. Opening it shows a button; only pressing it makes the account, so a
    mail program that opens links to scan them does not sign anyone in."""
    if request.method == "POST":
        done = services.finish_sign_up(key)
        if done is not None:
            user, next_url = done
            request.session.pop(SENT_TO, None)
            login(request, user)  # the one backend (settings)
            messages.success(request, "Welcome. Your account is ready.")
            return redirect(safe_next(request, next_url) or "core:home")
    elif services.pending_sign_up(key) is not None:
        return render(request, "accounts/signup_confirm.html", {"days": LINK_DAYS})
    ctx = {"days": LINK_DAYS}
    return render(request, "accounts/signup_link_dead.html", ctx, status=404)


def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(safe_next(request) or "core:home")
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        if wait := lockout.login_wait(request, email):
            form.add_error(None, throttle.wait_message(wait))
            status = 429
        else:
            user = authenticate(request, email=email, password=form.cleaned_data["password"])
            if user is None:
                lockout.login_failed(request, email)
                form.add_error(
                    None, "That email and password do not match an account. Please try again."
                )
            else:
                login(request, user)
                response = redirect(safe_next(request) or "core:home")
                lockout.login_succeeded(request, email, response)
                return response
    ctx = {"form": form, "next": safe_next(request) or ""}
    return render(request, "accounts/login.html", ctx, status=status)


@login_required
def profile(request: AuthedRequest) -> HttpResponse:
    user = request.user
    # Every page shows the signed-in user (the care lines follow their country), so a refused
    # form must not change it: the form gets a copy, saved only when it is valid.
    form = ProfileForm(request.POST or None, instance=working_copy(user))
    if request.method == "POST" and form.is_valid():
        if form.changed_data:
            services.update_profile(form.save(commit=False), list(form.changed_data))
        messages.success(request, "Your profile is saved.")
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form, "zones": all_zones()})


@login_required
def tokens(request: AuthedRequest) -> HttpResponse:
    form = TokenForm(request.user, request.POST or None)
    new_token = None
    status = 200
    if request.method == "POST":
        # A wrong password here counts like a wrong login, so it cannot be guessed at.
        email = request.user.email.lower()
        if wait := lockout.login_wait(request, email):
            form.add_error(None, throttle.wait_message(wait))
            status = 429
        elif form.is_valid():
            _, new_token = services.create_token(request.user, form.cleaned_data["name"])
            form = TokenForm(request.user)
        elif "password" in form.errors:
            lockout.login_failed(request, email)
    ctx = {"form": form, "tokens": request.user.api_tokens.all(), "new_token": new_token}
    return render(request, "accounts/tokens.html", ctx, status=status)


@login_required
@require_POST
def revoke_token(request: AuthedRequest, token_id: int) -> HttpResponse:
    token = get_owned_or_404(ApiToken.objects.all(), request.user, pk=token_id)
    services.revoke_token(request.user, token)
    messages.success(request, "The token no longer works.")
    return redirect("accounts:tokens")


@login_required
def delete_account(request: AuthedRequest) -> HttpResponse:
    form = ConfirmPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.delete_account(request.user)
        messages.success(request, "Your account and everything in it have been deleted.")
        response = redirect("core:welcome")
        response["Clear-Site-Data"] = FORGET_DEVICE
        return response
    notes = render_panels(deletion_notes(), request)
    return render(request, "accounts/delete.html", {"form": form, "notes": notes})


class PasswordChange(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        ended = services.password_set(
            form.user, reset=False, end_tokens=form.cleaned_data["end_tokens"]
        )
        tokens = f" {ended} API token{'s' if ended != 1 else ''} ended." if ended else ""
        messages.success(self.request, f"Your password is changed.{tokens}")
        return response


class PasswordReset(auth_views.PasswordResetView):
    """Every request may send an email, so requests are capped (accounts/lockout.py)."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        if wait := lockout.reset_wait(self.request):
            form.add_error(None, throttle.wait_message(wait))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if not lockout.reset_may_send(self.request, form.cleaned_data["email"].lower()):
            # The same answer as when an email goes out: nothing tells a stranger the cap
            # is reached, and the owner still has the links already sent.
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.password_set(form.user, reset=True)
        return response


class LogoutView(auth_views.LogoutView):
    """Log out, and have the browser forget what the site kept on this device: the pages kept
    for offline use and entries waiting to be sent (pwa/offline.js sends those first)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = FORGET_DEVICE
        return response
