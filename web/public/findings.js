// The submission check's findings in the editor: the live check's findings drawn into the list
// under the box each is about (the same markup web/pages/finding-list.ts renders), and a click on
// one focuses its box and selects the spot. app.js calls window.shuzhiFindings.show(findings).
'use strict';
(function () {
  const general = () => document.getElementById('findings-general');

  function item(finding) {
    const li = document.createElement('li');
    li.className = finding.severity;
    li.dataset.code = finding.code;
    const words = `${finding.severity === 'error' ? '✗' : '!'} ${finding.message}`;
    if (!finding.field) {
      li.textContent = words;
      return li;
    }
    const link = document.createElement('a');
    link.href = `#field-${finding.field}`;
    link.className = 'finding-place';
    link.dataset.field = finding.field;
    link.dataset.start = String(finding.start ?? 0);
    link.dataset.end = String(finding.end ?? 0);
    link.title = document.getElementById('live-findings')?.dataset.goTo ?? '';
    link.textContent = words;
    li.append(link);
    return li;
  }

  /** Replaces every list's findings with these; the server has already shown each once. */
  function show(findings) {
    for (const list of document.querySelectorAll('[data-findings-for]')) list.replaceChildren();
    general()?.replaceChildren();
    for (const finding of findings) {
      const list = (finding.field && document.querySelector(`[data-findings-for="${finding.field}"]`)) || general();
      list?.append(item(finding));
    }
  }

  /** Focuses the box and selects the spot. Offsets count from the box's first non-blank character. */
  function select(link) {
    const area = document.getElementById(`field-${link.dataset.field}`);
    if (!area) return false;
    const lead = area.value.length - area.value.trimStart().length;
    const start = Math.min(area.value.length, lead + Number(link.dataset.start));
    const end = Math.min(area.value.length, lead + Number(link.dataset.end));
    area.scrollIntoView({ block: 'center' });
    // Selecting before focus lets the browser scroll the box itself to the selection.
    area.setSelectionRange(start, end);
    area.blur();
    area.focus({ preventScroll: true });
    return true;
  }

  document.addEventListener('click', (event) => {
    const link = event.target.closest?.('a.finding-place');
    if (link && select(link)) event.preventDefault();
  });

  window.shuzhiFindings = { show };
})();
