// The pages' script: autosave and the live check in the report editor (findings.js draws the
// check's findings), the editor's unsaved copy in this browser and its sign-in-again dialog, the
// same net for other forms with text that matters, .docx upload, select-all in the review queue,
// and confirmation before irreversible buttons. Plain browser JavaScript.
'use strict';
(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';

  function post(url, body, type, more = {}) {
    const headers = { 'x-csrf-token': csrf, accept: 'application/json', ...more };
    // FormData (a form with files) sets its own multipart type and boundary.
    if (!(body instanceof window.FormData)) headers['content-type'] = type || 'application/x-www-form-urlencoded';
    return fetch(url, { method: 'POST', headers, body, credentials: 'same-origin' });
  }
  const wordsOf = (element) => {
    const words = JSON.parse(element?.dataset.words || '{}');
    return (key, values = {}) => (words[key] || '').replace(/\{(\w+)\}/g, (blank, name) => (name in values ? String(values[name]) : blank));
  };

  /** An answer as the page understands it: JSON, or a session that ended, whatever came back. */
  async function answerOf(response) {
    const toLogin = response.redirected && new window.URL(response.url).pathname === '/login';
    if (response.status === 401 || toLogin) return { signedOut: true };
    const json = (response.headers.get('content-type') || '').includes('application/json');
    // A refused form token (signed in again in another tab) also needs a fresh page: same dialog.
    // A 403 that says why in JSON (a report handed to someone else) is said as it is.
    if (response.status === 403 && !json) return { signedOut: true };
    if (!json) throw new Error(`HTTP ${response.status}`);
    return response.json();
  }

  // What this browser keeps of text the server does not have yet, by a key naming the text and person.
  const local = {
    read(key) {
      try {
        return JSON.parse(window.localStorage.getItem(key) || 'null');
      } catch {
        return null;
      }
    },
    keep(key, value) {
      try {
        window.localStorage.setItem(key, JSON.stringify(value));
      } catch {
        // Storage full or refused (private mode): the server's copy is all there is.
      }
    },
    forget(key) {
      window.localStorage.removeItem(key);
    },
    /** Text kept longer than a season's writing takes goes: its form may never show again (an item accepted elsewhere). */
    sweep() {
      const KEEP_DAYS = 30;
      try {
        const keys = Object.keys(window.localStorage).filter((key) => key.startsWith('shuzhi:unsaved:'));
        for (const key of keys) if (!(Date.now() - (this.read(key)?.at ?? 0) < KEEP_DAYS * 86_400_000)) this.forget(key);
      } catch {
        // Storage refused: nothing is kept to sweep.
      }
    },
  };
  local.sweep();

  // The sign-in-again dialog (web/pages/editor-safety.ts): a new link mailed to the person leads back
  // to this page; "signed in again" reloads it, after each text on the page is kept (beforeReload).
  const dialog = document.getElementById('sign-in-again');
  const beforeReload = [];
  function askToSignInAgain() {
    if (dialog && !dialog.open) {
      dialog.show();
      dialog.scrollIntoView({ block: 'start' });
    }
  }
  if (dialog) {
    const say = wordsOf(dialog);
    dialog.querySelector('[data-action="mail-link"]').addEventListener('click', async () => {
      const note = dialog.querySelector('[data-testid="new-link-sent"]');
      try {
        const response = await post('/login', new URLSearchParams({ email: dialog.dataset.person, next: dialog.dataset.back }));
        note.textContent = response.ok ? say('newLinkSent') : say('serverUnreachable');
      } catch {
        note.textContent = say('serverUnreachable');
      }
    });
    dialog.querySelector('[data-action="reload"]').addEventListener('click', () => {
      for (const keep of beforeReload) keep();
      window.location.reload();
    });
  }

  const editor = document.getElementById('editor');
  if (editor) {
    const status = editor.querySelector('[data-testid="autosave"]');
    const say = wordsOf(editor);
    // Autosave writes the report's one working copy (no version); 保存草稿 makes a version.
    const AUTOSAVE_MS = 3000;
    // Nothing typed is lost: every change is kept in this browser, by report and person, until
    // the server has the same text (an autosave, a save or the save before submitting).
    const localKey = `shuzhi:unsaved:${editor.dataset.report}:${editor.dataset.person}`;
    let dirty = false;
    let saving = false;
    let lastSave = 0;
    let signedOut = false;
    let leaving = false;
    // The server refused this text (too large, no longer editable): sending it again would be refused
    // again, so autosave waits for the next change; unreachable servers are tried again.
    let refused = false;

    const fields = () => {
      const data = new URLSearchParams();
      for (const area of editor.querySelectorAll('textarea')) data.append(area.name, area.value);
      return data;
    };
    const typed = () => Object.fromEntries([...editor.querySelectorAll('textarea')].map((area) => [area.name, area.value]));
    const sameText = (a, b) => JSON.stringify(a) === JSON.stringify(b);

    const readLocal = () => local.read(localKey);
    const keepLocally = () => local.keep(localKey, { at: Date.now(), fields: typed() });
    /** The server has `sent`: the browser's copy goes, unless more was typed since. */
    function confirmed(sent) {
      if (sameText(readLocal()?.fields, sent)) local.forget(localKey);
    }

    function sessionEnded() {
      signedOut = true;
      keepLocally();
      status.textContent = say('keptInBrowser');
      askToSignInAgain();
    }

    /** Sends the text to `url` (working copy or version); true when the server has it. */
    async function send(url, shown) {
      const sent = typed();
      try {
        const answer = await answerOf(await post(url, fields()));
        if (answer.signedOut) {
          sessionEnded();
          return false;
        }
        if (!answer.saved) {
          status.textContent = answer.reason || say('keptInBrowser');
          refused = true;
          return false;
        }
        confirmed(sent);
        shown(answer);
        return true;
      } catch {
        status.textContent = say('serverUnreachable');
        return false;
      }
    }

    async function autosave() {
      if (saving || signedOut) return;
      saving = true;
      dirty = false;
      lastSave = Date.now();
      const saved = await send(editor.dataset.autosaveUrl, (answer) => {
        const time = new Date(answer.savedAt).toLocaleTimeString(document.documentElement.lang, { hour: '2-digit', minute: '2-digit' });
        status.textContent = say('autosavedAt', { time });
        status.dataset.saved = answer.savedAt;
      });
      // A failed autosave tries again; a refused one waits for a change; a session that ended waits
      // for the person to sign in.
      if (!saved && !refused) dirty = true;
      saving = false;
      if (saved) await check();
    }

    async function saveVersion() {
      dirty = false;
      const saved = await send(editor.dataset.draftUrl, (answer) => {
        status.textContent = say('savedVersion', { n: answer.versionNumber });
        status.dataset.version = String(answer.versionNumber);
      });
      if (!saved) dirty = true;
      else await check();
    }

    async function check() {
      const response = await post(editor.dataset.checkUrl, fields());
      if (!response.ok) return;
      const { findings } = await response.json();
      // Each at the box it is about, replacing what was shown (findings.js).
      window.shuzhiFindings?.show(findings);
    }

    // The text this browser kept and the server never confirmed comes back into the editor.
    const kept = readLocal();
    if (kept && !sameText(kept.fields, typed())) {
      for (const area of editor.querySelectorAll('textarea')) if (area.name in kept.fields) area.value = kept.fields[area.name];
      dirty = true;
      const note = document.createElement('p');
      note.className = 'notice';
      note.dataset.testid = 'restored-local';
      note.setAttribute('role', 'status');
      note.textContent = say('restoredLocal');
      editor.before(note);
    } else if (kept) local.forget(localKey);

    editor.addEventListener('input', (event) => {
      if (event.target.tagName !== 'TEXTAREA') return;
      dirty = true;
      refused = false;
      keepLocally();
    });
    setInterval(() => {
      if (dirty && !saving && !signedOut && Date.now() - lastSave >= AUTOSAVE_MS) void autosave();
    }, 1000);
    editor.querySelector('[data-action="save"]').addEventListener('click', () => void saveVersion());
    editor.querySelector('[data-action="check"]').addEventListener('click', () => void check());

    // Submitting first sends the text as the working copy: a session that ended shows the
    // dialog instead of a sign-in page, and the text stays; then the form is posted as usual.
    editor.addEventListener('submit', async (event) => {
      if (leaving) return;
      event.preventDefault();
      if (signedOut) return sessionEnded();
      await send(editor.dataset.autosaveUrl, () => undefined);
      if (signedOut) return;
      leaving = true;
      editor.submit();
    });
    // Leaving with text the server does not have asks first (the browser's own question).
    window.addEventListener('beforeunload', (event) => {
      if (leaving || !(dirty || saving || readLocal())) return;
      event.preventDefault();
      event.returnValue = '';
    });
    window.addEventListener('pageshow', () => {
      leaving = false;
    });

    // Signed in again (in another tab, from the mail): a fresh page, which puts the kept text back.
    beforeReload.push(() => {
      keepLocally();
      leaving = true;
    });

    editor.querySelector('input[type="file"]').addEventListener('change', async (event) => {
      const file = event.target.files[0];
      if (!file) return;
      // The file's name, so that what is said of it names it (web/report-upload.ts).
      const response = await post(editor.dataset.uploadUrl, await file.arrayBuffer(), 'application/octet-stream', {
        'x-file-name': encodeURIComponent(file.name),
      });
      if (response.status === 401) return sessionEnded();
      const result = await response.json();
      // Said beside the file chosen, where the person is looking, as well as in the status line.
      const label = event.target.closest('label');
      label.parentElement.querySelector('[data-testid="upload-note"]')?.remove();
      if (!response.ok) {
        status.textContent = result.reason;
        const note = document.createElement('p');
        note.className = 'error';
        note.dataset.testid = 'upload-note';
        note.setAttribute('role', 'alert');
        note.textContent = result.reason;
        label.after(note);
        return;
      }
      // Typed text is never overwritten without a yes: the file replaces every box.
      const boxes = [...editor.querySelectorAll('textarea')];
      if (boxes.some((box) => box.value.trim()) && !window.confirm(say('replaceWithUpload'))) {
        event.target.value = '';
        return;
      }
      editor.querySelector('textarea[name="preamble"]').value = result.preamble;
      result.sections.forEach((section, i) => {
        const area = editor.querySelector(`textarea[name="section-${i}"]`);
        if (area) area.value = section.text;
      });
      dirty = true;
      refused = false;
      keepLocally();
      await check();
    });
  }

  // Forms with text that matters (点评, an item's progress, a verdict; web/pages/editor-safety.ts):
  // what is typed is kept in this browser until the server takes it, and the form is sent by the
  // script so that a session that ended shows the sign-in-again dialog, not a sign-in page.
  for (const form of document.querySelectorAll('form[data-keep]')) keepForm(form);

  function keepForm(form) {
    const say = wordsOf(form);
    const key = `shuzhi:unsaved:${form.dataset.keep}:${dialog?.dataset.person ?? ''}`;
    const boxes = () => [
      ...form.querySelectorAll('textarea, input:not([type]), input[type="text"], input[type="date"], input[type="datetime-local"], input[type="number"]'),
    ];
    const ticks = () => [...form.querySelectorAll('input[type="checkbox"]')];
    const typed = () =>
      Object.fromEntries([...boxes().map((box) => [box.name, box.value]), ...ticks().map((tick) => [`${tick.name}=${tick.value}`, tick.checked])]);
    const keep = () => local.keep(key, { at: Date.now(), fields: typed() });
    const hasFiles = !!form.querySelector('input[type="file"]');
    /** A line above the form: a notice (text put back), or a refusal (`refused`), said at once. */
    const show = (text, refused = false) => {
      let note = form.querySelector('[data-testid="kept-form-note"]');
      if (!note) {
        note = document.createElement('p');
        note.dataset.testid = 'kept-form-note';
        form.prepend(note);
      }
      note.className = refused ? 'error' : 'notice';
      note.setAttribute('role', refused ? 'alert' : 'status');
      note.textContent = text;
    };

    const kept = local.read(key);
    if (kept && Object.values(kept.fields).some((value) => typeof value === 'string' && value)) {
      for (const box of boxes()) if (box.name in kept.fields) box.value = kept.fields[box.name];
      for (const tick of ticks()) if (`${tick.name}=${tick.value}` in kept.fields) tick.checked = kept.fields[`${tick.name}=${tick.value}`];
      show(`${say('restoredLocal')}${hasFiles ? ` ${say('filesAgain')}` : ''}`);
    }
    form.addEventListener('input', keep);
    beforeReload.push(keep);
    // The button pressed, for browsers whose submit event does not say (event.submitter).
    let pressed = null;
    form.addEventListener('click', (event) => {
      pressed = event.target.closest('button') || pressed;
    });

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      keep();
      // What was said of the last try goes: an answer to this one follows.
      form.querySelector('[data-testid="kept-form-note"]')?.remove();
      const data = new window.FormData(form);
      // The pressed button's name and value (accept or send back) go with the form, as a browser's would.
      const button = event.submitter || pressed;
      if (button?.name) data.append(button.name, button.value);
      for (const button of form.querySelectorAll('button')) button.disabled = true;
      try {
        // Sent as the browser would: multipart only where the form takes files.
        const body = form.enctype === 'multipart/form-data' ? data : new URLSearchParams(data);
        const answer = await answerOf(await post(form.action, body));
        if (answer.signedOut) return askToSignInAgain();
        if (!answer.saved) return show(answer.reason || say('serverUnreachable'), true);
        local.forget(key);
        window.location.assign(answer.next);
      } catch {
        show(say('serverUnreachable'), true);
      } finally {
        for (const button of form.querySelectorAll('button')) button.disabled = false;
      }
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
