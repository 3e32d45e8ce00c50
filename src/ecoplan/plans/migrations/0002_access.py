# Organisations are units of one district; Profile moves here from supervision.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Profile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('coordinator', 'coordinator (bureau)'), ('reporter', 'reporter (unit)'), ('leader', 'leader'), ('auditor', 'auditor')], max_length=12)),
                ('person_name', models.CharField(blank=True, max_length=50)),
            ],
        ),
        migrations.AlterModelOptions(
            name='organisation',
            options={'ordering': ['name', 'district__name']},
        ),
        migrations.AddField(
            model_name='organisation',
            name='district',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='organisations', to='plans.area', verbose_name='district'),
        ),
        migrations.AlterField(
            model_name='organisation',
            name='name',
            field=models.CharField(max_length=200, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='organisationalias',
            name='alias',
            field=models.CharField(max_length=200),
        ),
        migrations.AlterUniqueTogether(
            name='organisationalias',
            unique_together={('organisation', 'alias')},
        ),
        migrations.AddConstraint(
            model_name='organisation',
            constraint=models.UniqueConstraint(fields=('name', 'district'), name='organisation_name_district'),
        ),
        migrations.AddConstraint(
            model_name='organisation',
            constraint=models.UniqueConstraint(condition=models.Q(('district__isnull', True)), fields=('name',), name='organisation_name_no_district'),
        ),
        migrations.AddField(
            model_name='profile',
            name='organisation',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='members', to='plans.organisation'),
        ),
        migrations.AddField(
            model_name='profile',
            name='user',
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='profile', to=settings.AUTH_USER_MODEL),
        ),
    ]
