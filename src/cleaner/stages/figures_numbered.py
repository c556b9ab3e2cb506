"""F101 across sentences under a short label when both counts tell of one numbered thing (a bus route, a building).

A label of two characters (设站) tells one item from another only with a subject. A numbered name (9路, 3号楼) is
one: a later label that opens on it (9路公交线路全程设站22个) tells of the same thing as an earlier count whose
sentence names it last before that count (新开通的9路公交车…，设站18个), so two different figures contradict
each other. Another numbered name nearer the earlier count (1路…，3路…设站) makes it another thing's.

>>> from cleaner.pipeline import Context
>>> from cleaner.stages.figures import find
>>> text = "新开通的9路公交车全程约12公里，设站18个。负责人介绍，9路公交线路全程设站22个。"
>>> [f.rule for f in find(text, Context.default())]
['F101']
>>> find("新开通的9路公交车全程约12公里，设站18个。负责人介绍，3路公交线路全程设站22个。", Context.default())
[]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .figures_across import AcrossChecks
from .figures_data import Relation, told_twice
from .figures_rounding import same_amount
from .quantities import Quantity


class NumberedSubjectChecks(AcrossChecks):
    """F101's check of short labels under one numbered name, for `Checker`, which holds the text and patterns."""

    def repeated_numbered(self, counts: Sequence[Quantity], starts: Sequence[int]) -> Iterator[Relation]:
        """F101 across sentences of one paragraph: a count whose label opens on a numbered name (rules/figures.toml
        `numbered_name`) and ends on short_label characters, given another count under the same end earlier, in a
        sentence naming that name last before it; same unit, no other period between, no time before the later one.

        >>> from cleaner.stages.figures import find
        >>> from cleaner.pipeline import Context
        >>> [f.rule for f in find("9号楼共有住户36户，已签约30户。9号楼住户63户。", Context.default())]
        ['F101']
        >>> find("9号楼有住户36户。1998年，9号楼住户63户。", Context.default())
        []
        """
        for index, q in enumerate(counts):
            name = self.p.numbered_name.match(q.label)
            head = self.label_end(q)
            if name is None or head is None or self.time_before(q, starts):
                continue
            for before in reversed(counts[:index]):
                if before.sentence == q.sentence or before.cut or before.base_unit != q.base_unit:
                    continue
                if not self.core(before.label).endswith(head) or not self.same_time(before, q):
                    continue
                named = self.p.numbered_name.findall(self.text, starts[before.sentence], before.start)
                if named and named[-1] == name[0] and not same_amount(before, q):
                    yield told_twice(self.text, f"{name[0]}…{head}", before, q)
                break
