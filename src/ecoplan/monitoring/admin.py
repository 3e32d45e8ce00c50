from django.contrib import admin

from ecoplan.plans.admin import PolicyAdmin, PolicyMixin

from .models import ExclusionDay, IngestRun, Station, StationMembership


class MembershipInline(PolicyMixin, admin.TabularInline):
    model = StationMembership
    extra = 0


@admin.register(Station)
class StationAdmin(PolicyAdmin):
    list_display = ["code", "name", "kind"]
    search_fields = ["code", "name"]
    inlines = [MembershipInline]


@admin.register(ExclusionDay)
class ExclusionDayAdmin(PolicyAdmin):
    list_display = ["day", "area", "kind", "source"]


@admin.register(IngestRun)
class IngestRunAdmin(PolicyAdmin):
    list_display = ["created_at", "file", "rows", "hours", "stations"]
