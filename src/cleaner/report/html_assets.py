"""The style sheet and script of the HTML report, inlined in every page so it works offline as a file."""

from __future__ import annotations

from .html_review_order import ORDER_CSS, ORDER_SCRIPT

STAGE_COLORS = {
    "normalize": "#7f8fa6",
    "layout": "#8e44ad",
    "rejoin": "#16a085",
    "duplicates": "#e67e22",
    "spelling": "#c0392b",
    "figures": "#2e86de",
}
STATUS_COLORS = {"applied": "#27ae60", "suggested": "#f1c40f", "flagged": "#e74c3c", "skipped": "#95a5a6"}

CSS = (
    """
body { font: 14px/1.5 system-ui, sans-serif; margin: 0 1.5em 2em; color: #222; }
h1 { font-size: 1.3em; margin: .8em 0 .3em; } h2 { font-size: 1.05em; margin: .4em 0; }
table { border-collapse: collapse; margin: .5em 0 1em; } td, th { border: 1px solid #ddd; padding: 2px 8px; }
th { background: #f4f4f4; text-align: left; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.grid { display: grid; grid-template-columns: 1fr 1fr 24em; gap: 1em; align-items: start; }
.text { white-space: pre-wrap; word-break: break-all; font: 15px/1.8 "Noto Serif CJK SC", serif;
  border: 1px solid #ddd; padding: .6em; margin: 0; max-height: 80vh; overflow: auto; }
#list { max-height: 80vh; overflow: auto; font-size: 13px; }
#list ol { margin: 0; padding-left: 2.2em; }
.long .blk { content-visibility: auto; contain-intrinsic-size: auto 1500px; }
.long #list ol { content-visibility: auto; contain-intrinsic-size: auto 9000px; }
#list li { cursor: pointer; padding: 2px 4px; border-left: 4px solid var(--c); margin-bottom: 2px; }
#list li[hidden] { display: none; }
.m { cursor: pointer; border-radius: 2px; background: color-mix(in srgb, var(--c) 22%, transparent); }
.m.s-applied { border-bottom: 2px solid var(--c); }
.m.s-suggested { outline: 1px dashed var(--c); background: transparent; }
.m.s-flagged { text-decoration: underline wavy var(--c); background: transparent; }
.m.s-skipped { text-decoration: line-through; background: transparent; color: #777; }
.m.off { background: none; border: 0; outline: 0; text-decoration: none; color: inherit; cursor: auto; }
.m.hl, #list li.hl { background: #ffe066; outline: 2px solid #f08c00; }
.m.sel, #list li.sel { outline: 2px solid #1c7ed6; }
.gap::before { content: "‸"; color: var(--c); font-weight: bold; }
.m:not(.off) .nl::before { content: "↵"; color: var(--c); }
.filters { display: flex; flex-wrap: wrap; gap: .3em 1.4em; margin: .5em 0; font-size: 13px; }
.filters fieldset { border: 1px solid #ddd; padding: 2px 8px; } .filters label { margin-right: .6em; }
.key { display: inline-block; width: .8em; height: .8em; background: var(--c); margin-right: 3px; }
.shown { color: #555; font-size: 13px; }
"""
    + "".join(f".st-{stage} {{ --c: {color}; }}\n" for stage, color in STAGE_COLORS.items())
    + ORDER_CSS
)

# Links every highlight to its twin on the other side and to its line in the list; filters hide
# list lines and switch off highlights none of whose changes is shown. Plain script, no library.
SCRIPT = (
    """
(function () {
  const items = {}, marks = {};
  document.querySelectorAll('#list li').forEach(li => { items[li.dataset.c] = li; });
  document.querySelectorAll('.m').forEach(m => m.dataset.c.split(' ').forEach(id => {
    (marks[id] = marks[id] || []).push(m);
  }));
  const shown = id => items[id] && !items[id].hidden;
  const primary = el => el.dataset.c.split(' ').find(shown);
  function light(id, on) {
    (marks[id] || []).forEach(m => m.classList.toggle('hl', on));
    if (items[id]) items[id].classList.toggle('hl', on);
  }
  function target(event) { return event.target.closest ? event.target.closest('.m, #list li') : null; }
  document.addEventListener('mouseover', e => {
    const t = target(e), id = t && primary(t);
    if (!id) return;
    if (!t.title) t.title = t.dataset.c.split(' ').map(c => items[c].textContent).join('\\n');
    light(id, true);
  });
  document.addEventListener('mouseout', e => { const t = target(e), id = t && primary(t); if (id) light(id, false); });
  let selected = [];  // what the last click selected: unselected without searching the page
  document.addEventListener('click', e => {
    const t = target(e), id = t && primary(t);
    if (!id) return;
    selected.forEach(el => el.classList.remove('sel'));
    selected = [...(marks[id] || []), items[id]];
    (marks[id] || []).forEach(m => { m.classList.add('sel'); if (m !== t) m.scrollIntoView({block: 'center'}); });
    items[id].classList.add('sel');
    if (t !== items[id]) items[id].scrollIntoView({block: 'nearest'});
  });
  function filter() {
    const on = {};
    document.querySelectorAll('.filters input').forEach(box => { on[box.name + ':' + box.value] = box.checked; });
    let count = 0;
    Object.values(items).forEach(li => {
      const visible = on['stage:' + li.dataset.stage] !== false && on['status:' + li.dataset.status] !== false
        && on['rule:' + li.dataset.rule] !== false;
      if (li.hidden === visible) li.hidden = !visible;
      count += visible;
    });
    // each group numbers on from the shown items before it, and one with none shown is hidden whole
    let before = 0;
    document.querySelectorAll('#list ol').forEach(group => {
      let shownHere = 0;
      for (const li of group.children) shownHere += !li.hidden;
      group.start = before + 1;
      group.hidden = !shownHere;
      before += shownHere;
    });
    Object.values(marks).forEach(list => list.forEach(m => {
      const off = !primary(m);
      if (m.classList.contains('off') !== off) m.classList.toggle('off', off);
    }));
    const label = document.getElementById('shown');
    if (label) label.textContent = count + ' of ' + Object.keys(items).length + ' changes shown';
  }
  document.querySelectorAll('.filters input').forEach(box => box.addEventListener('change', filter));
  document.addEventListener('cleaner:reordered', filter);  // the order control moved items between groups
  filter();
})();
"""
    + ORDER_SCRIPT
)  # the list's order: as on the page, or what to decide first (html_review_order)
