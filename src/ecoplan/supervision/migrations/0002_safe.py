# API tokens expire, can be revoked and end when the password changes.  Tokens issued before this
# migration get an expiry of now and an empty password stamp: they stop working (safe default).
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("supervision", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(name="apitoken", options={"ordering": ["-created_at"]}),
        migrations.AddField(
            model_name="apitoken", name="expires_at",
            field=models.DateTimeField(default=django.utils.timezone.now), preserve_default=False),
        migrations.AddField(
            model_name="apitoken", name="revoked_at",
            field=models.DateTimeField(blank=True, null=True)),
        migrations.AddField(
            model_name="apitoken", name="password_stamp",
            field=models.CharField(default="", editable=False, max_length=128), preserve_default=False),
    ]
