from django.contrib import admin

from ecoplan.plans.admin import PolicyAdmin, PolicyMixin

from .models import (
    ExclusionDay,
    IngestRun,
    Measurement,
    MeasurementSite,
    RankingEntry,
    Station,
    StationMembership,
    WaterIngestRun,
    WaterSection,
)


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


@admin.register(WaterSection)
class WaterSectionAdmin(PolicyAdmin):
    list_display = ["code", "name", "water_body", "kind", "level", "target_class", "area", "drinking_source",
                    "synthetic"]
    list_filter = ["kind", "level", "target_class", "drinking_source", "synthetic"]
    search_fields = ["code", "name", "water_body"]


@admin.register(WaterIngestRun)
class WaterIngestRunAdmin(PolicyAdmin):
    list_display = ["created_at", "file", "preset", "rows", "samples", "sections", "new_sections"]


@admin.register(MeasurementSite)
class MeasurementSiteAdmin(PolicyAdmin):
    list_display = ["code", "name", "kind", "area", "synthetic"]
    search_fields = ["code", "name"]


@admin.register(Measurement)
class MeasurementAdmin(PolicyAdmin):
    list_display = ["site", "indicator", "start", "value", "unit", "flags"]
    list_filter = ["indicator"]


@admin.register(RankingEntry)
class RankingEntryAdmin(PolicyAdmin):
    list_display = ["pollutant", "month", "area", "position", "total", "value"]
    list_filter = ["pollutant"]
