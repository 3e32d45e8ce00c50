"""Official working days — 工作日 — a thin wrapper over the maintained `chinesecalendar` library
(State Council holiday notices, with make-up working days 调休上班).

Example: the 2nd working day of October 2024 is 2024-10-09 (National Day holiday 1–7 October,
then the 8th and 9th are working days).  For a year the library does not cover yet (its data end
at the last published notice) the answer falls back to Monday–Friday and says so.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar


@dataclass(frozen=True)
class WorkingDay:
    day: date
    official: bool  # False: the year is not in the official calendar data; Monday–Friday used


def is_working_day(day: date) -> tuple[bool, bool]:
    """(working, official) for one day."""
    try:
        return chinese_calendar.is_workday(day), True
    except NotImplementedError:
        return day.weekday() < 5, False


def nth_working_day(year: int, month: int, n: int) -> WorkingDay:
    """The n-th working day of a month (n ≥ 1)."""
    if n < 1:
        raise ValueError("n counts from 1")
    day = date(year, month, 1)
    official = True
    count = 0
    last = calendar.monthrange(year, month)[1]
    while day.day <= last:
        working, known = is_working_day(day)
        official = official and known
        if working:
            count += 1
            if count == n:
                return WorkingDay(day, official)
        if day.day == last:
            break
        day += timedelta(days=1)
    raise ValueError(f"{year}-{month:02d} has fewer than {n} working days")


def add_working_days(start: date, n: int) -> WorkingDay:
    """The working day n working days after ``start`` (for reminders: "3 working days before")."""
    step = 1 if n >= 0 else -1
    day, official, left = start, True, abs(n)
    while left:
        day += timedelta(days=step)
        working, known = is_working_day(day)
        official = official and known
        left -= working
    return WorkingDay(day, official)


def report_due_date(cycle_month: date, n: int) -> WorkingDay:
    """A monthly report is due on the n-th working day of the next month (每月第N个工作日前)."""
    year, month = (cycle_month.year + 1, 1) if cycle_month.month == 12 else (cycle_month.year, cycle_month.month + 1)
    return nth_working_day(year, month, n)
