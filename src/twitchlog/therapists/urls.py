from django.urls import path

from twitchlog.therapists import therapist_views, views, waitlist_views

app_name = "therapists"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<int:pk>/", views.profile, name="profile"),
    path("<int:pk>/photo/", views.photo, name="photo"),
    path("<int:pk>/book/", views.book, name="book"),
    path("<int:pk>/waitlist/", waitlist_views.join, name="waitlist_join"),
    path("waitlist/<int:pk>/leave/", waitlist_views.leave, name="waitlist_leave"),
    path("waitlist/offer/<str:token>/", waitlist_views.offer, name="offer"),
    path("appointments/", views.appointments, name="appointments"),
    path("appointments/<int:pk>/", views.appointment, name="appointment"),
    path("appointments/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("appointments/<int:pk>/move/", views.reschedule, name="reschedule"),
    path("appointments/<int:pk>/sharing/", views.sharing, name="sharing"),
    path("appointments/<int:pk>/attendance/", therapist_views.attendance, name="attendance"),
    path("appointments/<int:pk>/shared/", therapist_views.shared_summary, name="shared_summary"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("apply/", therapist_views.apply, name="apply"),
    path("me/", therapist_views.edit_profile, name="edit_profile"),
    path("me/availability/", therapist_views.availability, name="availability"),
    path(
        "me/availability/<str:kind>/<int:item_id>/delete/",
        therapist_views.availability_delete,
        name="availability_delete",
    ),
    path("me/appointments/", therapist_views.dashboard, name="dashboard"),
    path("me/intake/", therapist_views.intake_form, name="intake"),
    path("me/intake/<int:pk>/delete/", therapist_views.intake_delete, name="intake_delete"),
]
