from django import forms
from django.contrib import admin

from ecoplan.plans.admin import PolicyAdmin

from .models import RankingDefinition, metric_choices


class RankingDefinitionForm(forms.ModelForm):
    metric = forms.ChoiceField(choices=metric_choices)

    class Meta:
        model = RankingDefinition
        fields = "__all__"


@admin.register(RankingDefinition)
class RankingDefinitionAdmin(PolicyAdmin):
    access_kind = "ranking"
    form = RankingDefinitionForm
    list_display = ["name", "area", "level", "metric", "span", "order", "bottom_n", "top_n", "active"]
    list_filter = ["level", "span", "metric", "active"]
    search_fields = ["name", "area__name"]
    readonly_fields = ["created_by", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
