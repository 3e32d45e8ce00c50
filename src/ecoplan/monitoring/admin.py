from django.contrib import admin

from .models import ExclusionDay, IngestRun, Station, StationMembership


class MembershipInline(admin.TabularInline):
    model = StationMembership
    extra = 0


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind"]
    search_fields = ["code", "name"]
    inlines = [MembershipInline]


@admin.register(ExclusionDay)
class ExclusionDayAdmin(admin.ModelAdmin):
    list_display = ["day", "area", "kind", "source"]


@admin.register(IngestRun)
class IngestRunAdmin(admin.ModelAdmin):
    list_display = ["created_at", "file", "rows", "hours", "stations"]
