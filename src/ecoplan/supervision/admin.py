from django.contrib import admin

from .models import (
    ApiToken,
    AssessmentScheme,
    Evidence,
    Notification,
    Profile,
    Report,
    ReportEntry,
    ReportingCycle,
    ReportVersion,
)


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organisation", "person_name"]
    list_filter = ["role"]
    autocomplete_fields = ["organisation"]


class EntryInline(admin.TabularInline):
    model = ReportEntry
    extra = 0
    raw_id_fields = ["measure"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["organisation", "cycle", "status", "version", "submitted_at"]
    list_filter = ["status", "cycle__plan"]
    inlines = [EntryInline]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "created_at", "expires_at", "revoked_at"]
    readonly_fields = ["key_hash", "password_stamp"]


admin.site.register([ReportingCycle, ReportVersion, Evidence, Notification, AssessmentScheme])
