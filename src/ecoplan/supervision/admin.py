from django.contrib import admin

from ecoplan.plans.admin import PolicyAdmin, PolicyMixin

from .models import (
    ApiToken,
    AssessmentScheme,
    Evidence,
    Notification,
    Report,
    ReportEntry,
    ReportingCycle,
    ReportVersion,
)


class EntryInline(PolicyMixin, admin.TabularInline):
    access_kind = "report"
    model = ReportEntry
    extra = 0
    raw_id_fields = ["measure"]


@admin.register(Report)
class ReportAdmin(PolicyAdmin):
    access_kind = "report"
    list_display = ["organisation", "cycle", "status", "version", "submitted_at"]
    list_filter = ["status", "cycle__plan"]
    inlines = [EntryInline]


@admin.register(ApiToken)
class ApiTokenAdmin(PolicyAdmin):
    access_kind = "account"
    list_display = ["user", "name", "created_at", "expires_at", "revoked_at"]
    readonly_fields = ["key_hash", "password_stamp"]


class CycleAdmin(PolicyAdmin):
    access_kind = "cycle"


class EvidenceAdmin(PolicyAdmin):
    access_kind = "evidence"


admin.site.register(ReportingCycle, CycleAdmin)
admin.site.register(Evidence, EvidenceAdmin)
admin.site.register([ReportVersion, Notification, AssessmentScheme], PolicyAdmin)
