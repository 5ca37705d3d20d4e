import datetime as dt

from django.db import migrations, models
from django.db.models import F

# Shares given before this field existed keep the window they were given: a day after the
# appointment's end as it is now.
AFTER_END = dt.timedelta(hours=24)


def fix_existing_windows(apps, schema_editor):
    Appointment = apps.get_model("therapists", "Appointment")
    Appointment.objects.filter(shared_at__isnull=False).update(shared_until=F("end") + AFTER_END)


class Migration(migrations.Migration):
    dependencies = [
        ("therapists", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="appointment",
            name="shared_until",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(fix_existing_windows, migrations.RunPython.noop),
    ]
