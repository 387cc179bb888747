// /rectifications/:id: a rectification item for whoever may see its report — its page, the
// owner's progress with evidence files (multipart), a reviewer's verdict — and /evidence/:hash,
// a file shown as evidence, to whoever may see an item it belongs to.
import multipart, { type MultipartFile, type MultipartValue } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { acceptItem, itemVerdicts, MAX_EVIDENCE_BYTES, reportProgress, sendBackItem, type EvidenceUpload } from '../../app/rectification';
import { ReportRequestError } from '../../app/report-commands';
import type { EvidenceRef, RectificationState } from '../../domain/rectification';
import { canSeeReport } from '../access';
import { wantsJson } from '../signed-out';
import { contextOf, errorPage, requireViewer, sendPage, webActor, type Viewer, type WebDeps } from '../context';
import { rectificationPage } from '../pages/rectification-page';
import { namesFor } from '../people';

type ItemRequest = FastifyRequest<{ Params: { id: string } }>;
type MultipartField = MultipartFile | MultipartValue<string>;

const MAX_FILES = 10;

export async function rectificationRoutes(app: FastifyInstance, deps: WebDeps) {
  // Files are kept in memory for the request only, then stored by their hash (app/rectification.ts).
  await app.register(multipart, { attachFieldsToBody: true, limits: { fileSize: MAX_EVIDENCE_BYTES, files: MAX_FILES, fields: 10 } });

  const itemRow = (id: string) => deps.db.rectificationItem.findUnique({ where: { id } });

  /** The item, if this viewer may see its report; otherwise the reply is sent. */
  async function visible(
    request: ItemRequest,
    reply: FastifyReply,
  ): Promise<{ viewer: Viewer; item: NonNullable<Awaited<ReturnType<typeof itemRow>>> } | undefined> {
    const viewer = requireViewer(request, reply);
    if (!viewer) return undefined;
    const item = await itemRow(request.params.id);
    const reviewers = item ? (JSON.parse(item.reviewersJson) as string[]) : [];
    if (!item || !(reviewers.includes(viewer.email.toLowerCase()) || (await canSeeReport(deps.db, viewer.reach, item.reportId)))) {
      await reply
        .code(item ? 403 : 404)
        .type('text/html')
        .send(errorPage(request, deps, item ? 'forbidden' : 'notFound'));
      return undefined;
    }
    return { viewer, item };
  }

  async function show(
    request: ItemRequest,
    reply: FastifyReply,
    found: NonNullable<Awaited<ReturnType<typeof visible>>>,
    message?: { kind: 'error' | 'notice'; text: string },
    status = 200,
  ) {
    const { viewer, item } = found;
    const ctx = contextOf(request, deps);
    const [report, progress, owner, verdicts] = await Promise.all([
      deps.db.report.findUniqueOrThrow({ where: { id: item.reportId }, include: { seasonBranch: true, season: { select: { timeZone: true } } } }),
      deps.db.rectificationProgress.findMany({ where: { itemId: item.id }, orderBy: { at: 'asc' } }),
      deps.db.person.findUnique({ where: { email: item.ownerEmail }, select: { name: true } }),
      itemVerdicts(deps.db, item.id),
    ]);
    const nameOf = await namesFor(
      deps.db,
      item.seasonId,
      verdicts.map((v) => v.by),
    );
    const me = viewer.email.toLowerCase();
    const state = item.state as RectificationState;
    return sendPage(
      reply,
      ctx,
      `${ctx.t('rectificationItem')} · ${report.seasonBranch.name}`,
      rectificationPage(ctx, {
        ...item,
        state,
        branchName: report.seasonBranch.name,
        ownerName: owner?.name ?? item.ownerEmail,
        timeZone: report.season.timeZone,
        progress: progress.map((p) => ({ ...p, evidence: JSON.parse(p.evidenceJson) as EvidenceRef[] })),
        verdicts,
        nameOf,
        mayReport: state === 'open' && item.ownerEmail === me,
        mayDecide: state === 'progress_reported' && (JSON.parse(item.reviewersJson) as string[]).includes(me),
        message,
      }),
      status,
    );
  }

  /**
   * Runs a request to the item's workflow; a refusal is shown on the item's page. The page's script
   * (a kept form, web/public/app.js) is answered in JSON: where to go next, or why not.
   */
  async function act(request: ItemRequest, reply: FastifyReply, found: NonNullable<Awaited<ReturnType<typeof visible>>>, change: () => Promise<unknown>) {
    const next = `/rectifications/${encodeURIComponent(found.item.id)}`;
    try {
      await change();
    } catch (error) {
      if (!(error instanceof ReportRequestError)) throw error;
      if (wantsJson(request)) return reply.code(409).send({ saved: false, reason: error.reason[request.locale] });
      return show(request, reply, found, { kind: 'error', text: error.reason[request.locale] }, 409);
    }
    return wantsJson(request) ? reply.send({ saved: true, next }) : reply.redirect(next, 303);
  }

  app.get<{ Params: { id: string } }>('/rectifications/:id', async (request, reply) => {
    const found = await visible(request, reply);
    return found ? show(request, reply, found) : reply;
  });

  app.post<{ Params: { id: string } }>('/rectifications/:id/progress', async (request, reply) => {
    const found = await visible(request, reply);
    if (!found) return reply;
    const body = (request.body ?? {}) as Record<string, MultipartField | MultipartField[] | undefined>;
    const text = fieldText(body.text);
    const files = await uploads(body.evidence);
    return act(request, reply, found, () => reportProgress(deps.temporal, deps.db, { itemId: found.item.id, actor: webActor(found.viewer), text, files }));
  });

  app.post<{ Params: { id: string }; Body: Record<string, string> }>('/rectifications/:id/verdict', async (request, reply) => {
    const found = await visible(request, reply);
    if (!found) return reply;
    const form = request.body ?? {};
    const comment = (form.comment ?? '').trim();
    const actor = webActor(found.viewer);
    return act(request, reply, found, () =>
      form.decision === 'accept'
        ? acceptItem(deps.temporal, { itemId: found.item.id, actor, comment: comment || undefined })
        : sendBackItem(deps.temporal, { itemId: found.item.id, actor, comment }),
    );
  });

  app.get<{ Params: { hash: string }; Querystring: { name?: string } }>('/evidence/:hash', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const hash = request.params.hash;
    const uses = /^[0-9a-f]{64}$/.test(hash)
      ? await deps.db.rectificationProgress.findMany({ where: { evidenceJson: { contains: hash } }, select: { itemId: true, evidenceJson: true } })
      : [];
    const items = await deps.db.rectificationItem.findMany({
      where: { id: { in: uses.map((u) => u.itemId) } },
      select: { id: true, reportId: true, reviewersJson: true },
    });
    const allowedItems = new Set<string>();
    for (const item of items) {
      const reviewer = (JSON.parse(item.reviewersJson) as string[]).includes(viewer.email.toLowerCase());
      if (reviewer || (await canSeeReport(deps.db, viewer.reach, item.reportId))) allowedItems.add(item.id);
    }
    // The bytes are kept once per content, whoever sent them; the name is the one this viewer was
    // shown (the link's), or one given with it on an item they may see, never another branch's.
    const names = uses
      .filter((use) => allowedItems.has(use.itemId))
      .flatMap((use) => (JSON.parse(use.evidenceJson) as EvidenceRef[]).filter((ref) => ref.hash === hash).map((ref) => ref.name));
    const file = names.length ? await deps.db.evidenceFile.findUnique({ where: { hash }, select: { bytes: true } }) : null;
    if (!file)
      return reply
        .code(404)
        .type('text/html')
        .send(errorPage(request, deps, 'notFound'));
    const name = names.find((n) => n === request.query.name) ?? (names[0] as string);
    // Always a download, never shown in the page's origin: an uploaded HTML file runs nothing here.
    return reply
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
      .type('application/octet-stream')
      .send(Buffer.from(file.bytes));
  });
}

function fieldText(field: MultipartField | MultipartField[] | undefined): string {
  const one = Array.isArray(field) ? field[0] : field;
  return one && one.type === 'field' ? String(one.value ?? '') : '';
}

async function uploads(field: MultipartField | MultipartField[] | undefined): Promise<EvidenceUpload[]> {
  const files = (Array.isArray(field) ? field : field ? [field] : []).filter((f): f is MultipartFile => f.type === 'file');
  return Promise.all(files.map(async (f) => ({ name: f.filename, mime: f.mimetype, bytes: await f.toBuffer() })));
}
