"""Django admin: corrections to anything the importer wrote."""
from django.contrib import admin

from . import access
from .models import (
    Annex,
    Area,
    Assignment,
    ImportRun,
    LexiconEntry,
    Measure,
    Organisation,
    OrganisationAlias,
    Plan,
    Profile,
    ReviewItem,
    Target,
    Task,
)


class PolicyMixin:
    """Admin permissions from the one access policy (plans/access.py), not Django's per-model
    permissions: a coordinator corrects, an auditor reads, others never see the admin."""

    access_kind = "registry"

    def get_queryset(self, request):
        if isinstance(self, admin.options.InlineModelAdmin):  # its parent object was checked
            return super().get_queryset(request)
        return access.visible(request.user, self.access_kind, access.VIEW, super().get_queryset(request))

    def has_module_permission(self, request):
        return access.may(request.user, self.access_kind, access.VIEW)

    def has_view_permission(self, request, obj=None):
        return access.may(request.user, self.access_kind, access.VIEW, obj)

    def has_change_permission(self, request, obj=None):
        return access.may(request.user, self.access_kind, access.CHANGE, obj)

    def has_add_permission(self, request, *args):
        return access.may(request.user, self.access_kind, access.CHANGE)

    def has_delete_permission(self, request, obj=None):
        return access.may(request.user, self.access_kind, access.CHANGE, obj)


class PolicyAdmin(PolicyMixin, admin.ModelAdmin):
    pass


class AliasInline(PolicyMixin, admin.TabularInline):
    model = OrganisationAlias
    extra = 0


@admin.register(LexiconEntry)
class LexiconEntryAdmin(PolicyAdmin):
    access_kind = "lexicon"
    list_display = ["name", "kind", "aliases"]
    search_fields = ["name"]


@admin.register(Organisation)
class OrganisationAdmin(PolicyAdmin):
    access_kind = "organisation"
    list_display = ["name", "district", "kind"]
    list_filter = ["kind", "district"]
    search_fields = ["name", "aliases__alias"]
    inlines = [AliasInline]


@admin.register(Plan)
class PlanAdmin(PolicyAdmin):
    access_kind = "plan"
    list_display = ["title", "district", "kind", "period_start", "doc_number", "issue_date"]
    list_filter = ["kind", "district"]
    search_fields = ["title", "doc_number"]


class AssignmentInline(PolicyMixin, admin.TabularInline):
    access_kind = "measure"
    model = Assignment
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Measure)
class MeasureAdmin(PolicyAdmin):
    access_kind = "measure"
    list_display = ["__str__", "task", "deadline_raw", "deadline_kind", "deadline_end"]
    list_filter = ["deadline_kind", "task__annex__plan"]
    search_fields = ["text"]
    inlines = [AssignmentInline]


@admin.register(Task)
class TaskAdmin(PolicyAdmin):
    list_display = ["number", "title", "annex"]
    list_filter = ["annex__plan"]
    search_fields = ["title"]


@admin.register(Target)
class TargetAdmin(PolicyAdmin):
    access_kind = "target"
    list_display = ["indicator", "area_printed", "comparator", "value", "unit", "period", "plan"]
    list_filter = ["plan", "indicator_code", "period"]


@admin.register(ReviewItem)
class ReviewItemAdmin(PolicyAdmin):
    access_kind = "review_item"
    list_display = ["kind", "message", "source_line", "status", "plan"]
    list_filter = ["status", "kind", "plan"]


admin.site.register([Annex, Area, ImportRun], PolicyAdmin)


@admin.register(Profile)
class ProfileAdmin(PolicyAdmin):
    access_kind = "account"
    list_display = ["user", "role", "organisation", "person_name"]
    list_filter = ["role"]
    autocomplete_fields = ["organisation"]
