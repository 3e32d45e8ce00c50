"""Django admin: corrections to anything the importer wrote."""
from django.contrib import admin

from .models import (
    Annex,
    Area,
    Assignment,
    ImportRun,
    Measure,
    Organisation,
    OrganisationAlias,
    Plan,
    ReviewItem,
    Target,
    Task,
)


class AliasInline(admin.TabularInline):
    model = OrganisationAlias
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__alias"]
    inlines = [AliasInline]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "district", "kind", "period_start", "doc_number", "issue_date"]
    list_filter = ["kind", "district"]
    search_fields = ["title", "doc_number"]


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["__str__", "task", "deadline_raw", "deadline_kind", "deadline_end"]
    list_filter = ["deadline_kind", "task__annex__plan"]
    search_fields = ["text"]
    inlines = [AssignmentInline]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "annex"]
    list_filter = ["annex__plan"]
    search_fields = ["title"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "area_printed", "comparator", "value", "unit", "period", "plan"]
    list_filter = ["plan", "indicator_code", "period"]


@admin.register(ReviewItem)
class ReviewItemAdmin(admin.ModelAdmin):
    list_display = ["kind", "message", "source_line", "status", "plan"]
    list_filter = ["status", "kind", "plan"]


admin.site.register([Annex, Area, ImportRun])
