"""排名靠后: the bottom-N sub-areas of the bureau's saved rankings, each for its latest complete
period — what the coordinator's month screen, the leader's overview (page and PDF) and
inspection targeting read (对空气质量排名靠后的街道加大督查检查力度)."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ecoplan.analytics.ranking import Ranked
from ecoplan.reporting.periods import latest_complete
from ecoplan.vocabulary.rank_metrics import BY_CODE

from .access import may_rank, review_states
from .engine import AreaRanking, RankingError, run_definition
from .models import RankingDefinition

MAX_FLAGGED = 12  # saved rankings run for one page: each is a few queries


def run_saved(user, definitions: Iterable[RankingDefinition], day: date) -> list[tuple[RankingDefinition, AreaRanking]]:
    """The saved rankings whose metric the user may rank (``rankings.access``), each for its latest
    complete period on ``day`` (at most ``MAX_FLAGGED``)."""
    done = []
    shown = [(d, BY_CODE[d.metric]) for d in definitions if d.metric in BY_CODE and may_rank(user, BY_CODE[d.metric])]
    for d, metric in shown[:MAX_FLAGGED]:
        try:
            done.append((d, run_definition(d, latest_complete(d.span, day), review_states=review_states(user, metric))))
        except RankingError:  # a period not yet begun on that day: nothing to flag
            continue
    return done


def flagged(user, areas: Iterable[int] | None, day: date) -> list[tuple[RankingDefinition, AreaRanking, list[Ranked]]]:
    """Each active saved ranking with a bottom N (of the ``areas`` districts, or all), its result and
    its bottom rows."""
    definitions = RankingDefinition.objects.select_related("area").filter(active=True, bottom_n__gt=0)
    if areas is not None:
        definitions = definitions.filter(area_id__in=list(areas))
    return [(d, result, result.ranking.bottom) for d, result in run_saved(user, definitions, day)]
