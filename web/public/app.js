// The only script: autosave and the live check in the report editor, .docx upload, select-all in
// the review queue, and confirmation before irreversible buttons. Plain browser JavaScript.
'use strict';
(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';

  function post(url, body, type) {
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': type || 'application/x-www-form-urlencoded', 'x-csrf-token': csrf, accept: 'application/json' },
      body,
      credentials: 'same-origin',
    });
  }

  const editor = document.getElementById('editor');
  if (editor) {
    const status = editor.querySelector('[data-testid="autosave"]');
    const live = document.getElementById('live-findings');
    const THROTTLE_MS = 5000;
    let dirty = false;
    let saving = false;
    let lastSave = 0;

    const fields = () => {
      const data = new URLSearchParams();
      for (const area of editor.querySelectorAll('textarea')) data.append(area.name, area.value);
      return data;
    };

    async function save() {
      if (saving) return;
      saving = true;
      dirty = false;
      lastSave = Date.now();
      try {
        const response = await post(editor.dataset.draftUrl, fields());
        const result = await response.json();
        status.textContent = result.saved
          ? `${document.documentElement.lang === 'en' ? 'Saved as version' : '已自动保存为版本'} ${result.versionNumber}`
          : result.reason;
        status.dataset.version = result.saved ? String(result.versionNumber) : '';
      } catch (error) {
        dirty = true;
        status.textContent = String(error);
      } finally {
        saving = false;
      }
      await check();
    }

    async function check() {
      const response = await post(editor.dataset.checkUrl, fields());
      const { findings } = await response.json();
      live.replaceChildren();
      if (!findings.length) return;
      const list = document.createElement('ul');
      list.className = 'findings';
      for (const finding of findings) {
        const item = document.createElement('li');
        item.className = finding.severity;
        item.dataset.code = finding.code;
        item.textContent = `${finding.severity === 'error' ? '✗' : '!'} ${finding.message}`;
        list.append(item);
      }
      live.append(list);
    }

    editor.addEventListener('input', (event) => {
      if (event.target.tagName === 'TEXTAREA') dirty = true;
    });
    setInterval(() => {
      if (dirty && !saving && Date.now() - lastSave >= THROTTLE_MS) void save();
    }, 1000);
    editor.querySelector('[data-action="save"]').addEventListener('click', () => void save());
    editor.querySelector('[data-action="check"]').addEventListener('click', () => void check());

    editor.querySelector('input[type="file"]').addEventListener('change', async (event) => {
      const file = event.target.files[0];
      if (!file) return;
      const response = await post(editor.dataset.uploadUrl, await file.arrayBuffer(), 'application/octet-stream');
      const result = await response.json();
      if (!response.ok) {
        status.textContent = result.reason;
        return;
      }
      editor.querySelector('textarea[name="preamble"]').value = result.preamble;
      result.sections.forEach((section, i) => {
        const area = editor.querySelector(`textarea[name="section-${i}"]`);
        if (area) area.value = section.text;
      });
      dirty = true;
      await check();
    });
  }

  for (const box of document.querySelectorAll('[data-select-all]')) {
    box.addEventListener('change', () => {
      for (const row of box.closest('form').querySelectorAll('input[name="reportId"]')) row.checked = box.checked;
    });
  }

  for (const button of document.querySelectorAll('[data-confirm]')) {
    button.addEventListener('click', (event) => {
      if (!window.confirm(button.dataset.confirm)) event.preventDefault();
    });
  }
})();
