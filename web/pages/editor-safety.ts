// The editor's safety net as the page renders it, for web/public/app.js: where autosave goes,
// whose unsaved copy this browser keeps (by report and person), the words the script shows, the
// sign-in-again dialog for a session that ended mid-writing, and the notice when the editor opens
// autosave's working copy rather than the latest version. Forms with text that matters (点评, an
// item's progress, a verdict) get the same net, smaller: a copy kept in the browser and the dialog.
import { html, type Html } from '../html';
import { fillIn, type TextKey } from '../i18n';
import type { PageContext } from '../layout';
import { dateIn, reportHref } from '../format';

/** What the script says as it saves, in the page's language ({time}, {n} filled in by it). */
const SCRIPT_WORDS = [
  'autosavedAt',
  'savedVersion',
  'keptInBrowser',
  'restoredLocal',
  'serverUnreachable',
  'replaceWithUpload',
] as const satisfies readonly TextKey[];

/** The editor form's attributes for the script: autosave's address, the person, the words. */
export function editorSafetyAttributes(ctx: PageContext, reportId: string): Html {
  const words = Object.fromEntries(SCRIPT_WORDS.map((key) => [key, ctx.t(key)]));
  return html`data-autosave-url="${reportHref(reportId)}/autosave" data-person="${ctx.viewer?.email ?? ''}"
          data-words="${JSON.stringify(words)}"`;
}

/**
 * Shown (not modal: the text stays readable and editable) when a save or a submission finds the
 * session ended. A new link is mailed to the person and leads back to `backTo` (this page), where
 * the copy this browser kept is put back; or, signed in again in another tab, they continue here.
 * Used by the editor and by every form with text that matters (keptFormAttributes).
 */
export function signInAgainDialog(ctx: PageContext, backTo: string): Html {
  const words = { newLinkSent: ctx.t('newLinkSent'), serverUnreachable: ctx.t('serverUnreachable') };
  return html`
    <dialog id="sign-in-again" data-testid="sign-in-again" aria-labelledby="sign-in-again-title" aria-describedby="sign-in-again-help"
            data-person="${ctx.viewer?.email ?? ''}" data-back="${backTo}" data-words="${JSON.stringify(words)}">
      <h2 id="sign-in-again-title">${ctx.t('signInAgainTitle')}</h2>
      <p id="sign-in-again-help">${ctx.t('signInAgainHelp')}</p>
      <p class="notice" data-testid="new-link-sent" role="status"></p>
      <div class="buttons">
        <button type="button" class="primary" data-action="mail-link" data-testid="mail-new-link">${ctx.t('mailNewLink')}</button>
        <button type="button" data-action="reload" data-testid="signed-in-again">${ctx.t('signedInAgain')}</button>
      </div>
    </dialog>`;
}

/**
 * A form whose text matters (点评, an item's progress, a verdict), for web/public/app.js: what is
 * typed is kept in this browser by `key` and person until the server takes it, and a session that
 * ended shows the sign-in-again dialog instead of a sign-in page. The page renders the dialog too.
 */
export function keptFormAttributes(ctx: PageContext, key: string): Html {
  const words = { restoredLocal: ctx.t('restoredLocal'), serverUnreachable: ctx.t('serverUnreachable'), filesAgain: ctx.t('filesAgain') };
  return html`data-keep="${key}" data-words="${JSON.stringify(words)}"`;
}

/** Said above the editor when it opens autosave's working copy, newer than every version. */
export function workingCopyNotice(ctx: PageContext, savedAt: Date, timeZone: string): Html {
  return html`<p class="notice" data-testid="working-copy" role="status">${fillIn(ctx.t('workingCopyOpened'), { time: dateIn(savedAt, timeZone) })}</p>`;
}
