// A confirmation step for acts that cannot be taken back (免于述职, 撤销, 结束本季度): the first
// press of the button shows this page, saying what will happen; only its own button, which sends
// the same form again with `confirmed=yes`, does it. Plain forms: it works without JavaScript.
import { html, type Html } from '../html';
import { csrfField, type PageContext } from '../layout';

export interface Confirmation {
  /** Where the confirmed form goes: the same address as the first press. */
  action: string;
  /** The first form's fields, sent again. */
  fields: Record<string, string>;
  /** What will happen, in a sentence or two. */
  text: string;
  /** The confirming button's words, e.g. 确认免于述职. */
  button: string;
  /** Where 取消 goes back to. */
  back: string;
}

/** Whether a destructive form was confirmed on the confirmation page. */
export const isConfirmed = (form: Record<string, unknown> | undefined) => form?.confirmed === 'yes';

export function confirmation(ctx: PageContext, c: Confirmation): Html {
  return html`<section class="confirm" data-testid="confirmation">
    <p class="warning-text">${c.text}</p>
    <form method="post" action="${c.action}" class="inline">
      ${csrfField(ctx)}
      ${Object.entries(c.fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
      <input type="hidden" name="confirmed" value="yes">
      <button class="primary" data-testid="confirm">${c.button}</button>
    </form>
    <a href="${c.back}" data-testid="cancel">${ctx.t('cancel')}</a>
  </section>`;
}
