// The embedded stack's captured mail, so a demo user can click the sign-in links in it. Registered
// only when the web app runs beside the SMTP capture server.
import type { FastifyInstance } from 'fastify';
import { Mailbox } from '../../mail/mailbox';
import { html } from '../html';
import { contextOf, sendPage, type WebDeps } from '../context';

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** Plain text with its links clickable; every piece escaped. */
const linkified = (text: string) =>
  text.split(URL_PATTERN).map((part, i) => (i % 2 === 1 ? html`<a href="${part}" data-testid="mail-link">${part}</a>` : html`${part}`));

export async function mailboxRoutes(app: FastifyInstance, deps: WebDeps) {
  const dir = deps.mailboxDir as string;
  const mailbox = new Mailbox(dir);

  app.get<{ Querystring: { to?: string } }>('/mailbox', async (request, reply) => {
    const ctx = contextOf(request, deps);
    const mails = mailbox.list({ to: request.query.to }).reverse().slice(0, 200);
    return sendPage(
      reply,
      ctx,
      ctx.t('mailbox'),
      html`<form method="get"><label>${ctx.t('email')} <input name="to" value="${request.query.to ?? ''}"></label> <button>${ctx.t('filter')}</button></form>
      <table data-testid="mails"><tbody>${mails.map(
        (m) => html`<tr><td>${m.receivedAt.replace('T', ' ').slice(0, 19)}</td><td>${m.to.join(', ')}</td>
          <td><a href="/mailbox/${encodeURIComponent(m.id)}" data-testid="mail">${m.subject}</a></td></tr>`,
      )}</tbody></table>`,
    );
  });

  app.get<{ Params: { id: string } }>('/mailbox/:id', async (request, reply) => {
    const ctx = contextOf(request, deps);
    const mail = await mailbox.read(request.params.id).catch(() => undefined);
    if (!mail) return reply.code(404).send();
    return sendPage(
      reply,
      ctx,
      mail.subject,
      html`<p class="muted">${mail.from} → ${mail.to.join(', ')} · ${mail.receivedAt}</p><pre class="mail-text" data-testid="mail-text">${linkified(mail.text)}</pre>`,
    );
  });
}
