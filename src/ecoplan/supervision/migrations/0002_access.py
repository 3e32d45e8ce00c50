# Profile (a user's unit and role) moved to plans, where the one access policy can read it.

from django.db import migrations


def copy_profiles(apps, schema_editor):
    old = apps.get_model("supervision", "Profile")
    new = apps.get_model("plans", "Profile")
    new.objects.bulk_create(new(user_id=p.user_id, organisation_id=p.organisation_id, role=p.role,
                                person_name=p.person_name) for p in old.objects.all())


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0002_access'),
        ('supervision', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(copy_profiles, migrations.RunPython.noop),
        migrations.DeleteModel(
            name='Profile',
        ),
    ]
