"""The review page's "order" control: the changes a person must decide first, or as on the page.

A page of a hard-wrapped column lists hundreds of sure changes (digit widths, line joins) before
the few an editor must judge; the list could only be filtered, so the flags and the least
confident suggestions were found by scrolling. The control puts them first: flags, then
suggestions, then applied and skipped changes, each from the least confident up, page order
within a tie; "as on the page" puts the list back. The bare number in brackets after each change
gets a tooltip saying it is the confidence. The script reads what each list item already
carries (its status, and its confidence in the closing `(0.93)`), so the page grows by this script
alone.

>>> REVIEW_RANK["flagged"] < REVIEW_RANK["suggested"] < REVIEW_RANK["applied"] < REVIEW_RANK["skipped"]
True
>>> '"flagged": 0' in ORDER_SCRIPT
True
"""

from __future__ import annotations

import json

# which changes a person must decide first: a flag proposes nothing, a suggestion waits for a yes
REVIEW_RANK = {"flagged": 0, "suggested": 1, "applied": 2, "skipped": 3}

ORDER_CSS = "#order { font: inherit; margin-left: .3em; }\n"

# Adds the select after the filters' count; sorting moves the list items through the list's groups (each
# keeps its size), and they keep their ids, so links, highlights and filters work as before.
ORDER_SCRIPT = (
    """
(function () {
  const list = document.getElementById('list'), filters = document.querySelector('.filters');
  if (!list || !filters) return;
  const rank = """
    + json.dumps(REVIEW_RANK)
    + """;
  const groups = Array.from(list.children), sizes = groups.map(group => group.children.length);
  const items = Array.from(list.querySelectorAll('li'));
  const confidence = li => {
    const small = li.querySelector('small');
    if (small) small.title = 'confidence: how sure the rule is (under --min-confidence a fix is only suggested)';
    const value = small ? parseFloat(small.textContent.replace(/[()]/g, '')) : NaN;
    return isNaN(value) ? 1 : value;
  };
  const keyed = items.map((li, index) => ({li, index, rank: rank[li.dataset.status] ?? 9, conf: confidence(li)}));
  const label = document.createElement('label');
  label.className = 'shown';
  label.textContent = 'order';
  const select = document.createElement('select');
  select.id = 'order';
  [['page', 'as on the page'], ['review', 'to decide first: flagged, suggested, least confident']].forEach(
    ([value, text]) => { const option = document.createElement('option'); option.value = value;
      option.textContent = text; select.appendChild(option); });
  label.appendChild(select);
  filters.appendChild(label);
  select.addEventListener('change', () => {
    const sorted = keyed.slice();
    if (select.value === 'review') sorted.sort((a, b) => a.rank - b.rank || a.conf - b.conf || a.index - b.index);
    let next = 0;  // the groups keep their sizes: the first ones take the first items
    groups.forEach((group, g) => sorted.slice(next, next += sizes[g]).forEach(k => group.appendChild(k.li)));
    list.scrollTop = 0;
    document.dispatchEvent(new Event('cleaner:reordered'));
  });
})();
"""
)
