from typing import Any

from django.contrib import admin, messages
from django.db.models import F, QuerySet
from django.http import HttpRequest

from twitchlog.therapists import services
from twitchlog.therapists.models import TherapistProfile, WeeklyHours


class WeeklyHoursInline(admin.TabularInline):
    model = WeeklyHours
    extra = 0
    can_delete = False
    readonly_fields = ("weekday", "start", "end")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(TherapistProfile)
class TherapistProfileAdmin(admin.ModelAdmin):
    """Staff check applications here and approve them; approval lists a qualifying profile.

    Everything is read-only: the therapist edits their own profile on the site, and approval
    goes through the service so it is audited.
    """

    list_display = (
        "name",
        "user",
        "qualification",
        "licence_body",
        "licence_number",
        "jurisdiction",
        "lived_experience",
        "applied_at",
        "approved_at",
        "listed",
    )
    list_filter = ("qualification", "lived_experience", ("approved_at", admin.EmptyFieldListFilter))
    search_fields = ("name", "user__email", "credentials", "licence_number", "licence_body")
    # Applications waiting for a decision come first, newest first.
    ordering = (F("approved_at").asc(nulls_first=True), "-applied_at")
    inlines = [WeeklyHoursInline]
    actions = ["approve"]

    @admin.display(boolean=True, description="In the directory")
    def listed(self, profile: TherapistProfile) -> bool:
        return profile.is_listed

    @admin.action(description="Approve the selected profiles")
    def approve(self, request: HttpRequest, queryset: QuerySet[TherapistProfile]) -> None:
        approved = 0
        for profile in queryset.filter(approved_at__isnull=True):
            services.approve_therapist(request.user, profile)  # type: ignore[arg-type]
            approved += 1
        self.message_user(request, f"Approved {approved} profile(s).", messages.SUCCESS)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in TherapistProfile._meta.fields]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A profile belongs to a person, who applies on the site.
        return False
