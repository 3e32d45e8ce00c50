"""The project's water store and what it needs of the section registry."""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings

from ecoplan.analytics.water import SectionInfo, WaterStore
from ecoplan.standards.water import WaterClass

from .models import WaterSection
from .store import area_key


def open_water_store() -> WaterStore:
    """The store under ECOPLAN_DATA_DIR/water (a context manager: closed when done)."""
    return WaterStore(settings.DATA_DIR / "water")


def section_info(section: WaterSection) -> SectionInfo:
    """A registered section as the pure queries see it: it counts for its area and that area's
    district."""
    areas: tuple[str, ...] = ()
    if section.area_id:
        area = section.area
        areas = (area_key(area),) + ((str(area.parent_id),) if area.parent_id else ())
    return SectionInfo(code=section.code, name=section.name, lake=section.kind == WaterSection.Kind.LAKE,
                       target=WaterClass(section.target_class) if section.target_class else None, areas=areas,
                       river_km=Decimal(section.river_km) if section.river_km is not None else None,
                       drinking=section.drinking_source)


def registry(queryset=None) -> list[SectionInfo]:
    sections = (queryset if queryset is not None else WaterSection.objects.all()).select_related("area")
    return [section_info(s) for s in sections]


def guess_kind(name: str) -> str:
    """A section a file registers: a lake or reservoir when its name says so (水库, …湖, 湖心),
    not an inflow (入湖口 / 入库口: the river before the lake).  The bureau confirms in the admin:
    the CNEMC file has no type column, and names such as 草海中心 say nothing (SOURCES.md §6)."""
    if any(w in name for w in ("入湖", "入库", "入青海湖", "河口")):
        return str(WaterSection.Kind.RIVER)
    lake = any(w in name for w in ("水库", "湖", "库心", "库区"))
    return str(WaterSection.Kind.LAKE if lake else WaterSection.Kind.RIVER)


def sections_of(area) -> list[WaterSection]:
    """The sections registered in an area or in its sub-areas."""
    from django.db.models import Q

    return list(WaterSection.objects.filter(Q(area=area) | Q(area__parent=area)).select_related("area")
                .order_by("code"))


def area_status(store: WaterStore, area, start, end):
    """An area over ``start`` … ``end``: its figures (ecoplan.analytics.water.AreaFigures) and, per
    section, the registry row with its period (None: no valid sample)."""
    from ecoplan.analytics.water import area_figures

    sections = sections_of(area)
    infos = [section_info(s) for s in sections]
    periods = store.section_periods(start, end, infos)
    return area_figures(periods, infos, area_key(area)), [(s, periods.get(s.code)) for s in sections]
