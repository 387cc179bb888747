// Who may do what through the pages: every role a person can hold on one branch's report, against
// every act, on the real stack. Each act is tried first by everyone the table refuses (the report
// must not change), then by one person it allows, which moves the report on to the next act. The
// table is docs/security.md's "Who may do what".
import { issueApiToken } from '../../app/api-tokens';
import { delegateReport } from '../../app/report-commands';
import { GOOD_REPORT } from '../helpers/report-harness';
import { demoSeason } from '../helpers/seasons';
import { startSeasonOnStack } from '../helpers/season-on-stack';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { DEFAULT_TEMPLATE } from '../../domain/submission-check';
import { splitSections } from '../../web/report-sections';
import { openSession, SESSION_COOKIE } from '../../web/sessions';

const MIDDLE = 'demo-2026/no1-middle-school';
const PEOPLE = {
  secretary: 'shuji.yizhong@school.example',
  'another secretary': 'shuji.shixiao@school.example',
  liaison: 'weiyuan.zhao@bureau.example',
  reviewer: 'weiyuan.qian@bureau.example',
  leader: 'dangzu.shuji@bureau.example',
  'Party group secretary': 'dangzu.fushuji@bureau.example',
  admin: 'zuzhi@bureau.example',
  delegate: 'daili@bureau.example',
  stranger: 'waiyuan@elsewhere.example',
} as const;
type Role = keyof typeof PEOPLE;
const ROLES = Object.keys(PEOPLE) as Role[];

type Act =
  | 'read the report'
  | 'save a draft'
  | 'submit'
  | 'send back'
  | 'pass review'
  | 'approve'
  | 'extend'
  | 'remind now'
  | 'open the dashboard'
  | 'export'
  | 'approve in bulk';

/** Who may do each act on the middle school's report, in the state the act needs. */
export const MAY: Record<Act, Role[]> = {
  'read the report': ['secretary', 'liaison', 'reviewer', 'leader', 'Party group secretary', 'admin', 'delegate'],
  'save a draft': ['secretary'],
  submit: ['secretary'],
  'send back': ['reviewer', 'delegate', 'leader', 'Party group secretary'],
  'pass review': ['reviewer', 'delegate'],
  approve: ['leader', 'Party group secretary'],
  extend: ['admin'],
  'remind now': ['admin'],
  'open the dashboard': ['admin'],
  export: ['admin'],
  'approve in bulk': ['leader', 'Party group secretary'],
};

describe('who may do what through the pages', () => {
  let stack: RealStack;
  const sessions = new Map<Role, { cookie: string; csrf: string }>();

  beforeAll(async () => {
    stack = await startRealStack('web-authorization');
    stack.startWorker();
    await stack.startWeb();
    const base = demoSeason();
    const season = {
      ...base,
      people: [
        ...base.people,
        { email: PEOPLE['Party group secretary'], name: '陈副书记（党组）', locale: 'zh-CN' as const },
        { email: PEOPLE.delegate, name: '代理审阅人', locale: 'zh-CN' as const },
      ],
      partyGroupSecretary: PEOPLE['Party group secretary'],
      organization: {
        ...base.organization,
        branches: base.organization.branches.map((b) => (b.id === 'no1-middle-school' ? { ...b, reviewer: PEOPLE.reviewer } : b)),
      },
    };
    await startSeasonOnStack(stack, season);
    await stack.scratch.db.person.create({ data: { email: PEOPLE.stranger, name: '外单位人员' } });
    // The reviewer hands the report's review to the delegate while away.
    await delegateReport(
      stack.env.client,
      MIDDLE,
      { email: PEOPLE.admin, channel: 'cli' },
      PEOPLE.reviewer,
      PEOPLE.delegate,
      new Date(Date.now() + 30 * 86_400_000),
    );
    for (const role of ROLES) {
      const session = await openSession(stack.scratch.db, PEOPLE[role]);
      sessions.set(role, { cookie: `${SESSION_COOKIE}=${session.id}; shuzhi_lang=en`, csrf: session.csrfToken });
    }
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const state = async () => (await stack.scratch.db.report.findUniqueOrThrow({ where: { id: MIDDLE } })).state;
  const versions = () => stack.scratch.db.reportVersion.count({ where: { reportId: MIDDLE } });
  const dueAt = async () => (await stack.scratch.db.report.findUniqueOrThrow({ where: { id: MIDDLE } })).dueAt.getTime();
  const reminders = () => stack.scratch.db.auditEvent.count({ where: { reportId: MIDDLE, action: 'report.reminded_now' } });

  function request(role: Role, path: string, form?: Record<string, string | string[]>) {
    const session = sessions.get(role)!;
    const pairs = Object.entries(form ?? {}).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x): [string, string] => [k, x]));
    const body = form ? new URLSearchParams(pairs) : undefined;
    if (body) body.set('_csrf', session.csrf);
    return fetch(`${stack.webUrl}${path}`, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: session.cookie, ...(form ? { 'content-type': 'application/x-www-form-urlencoded', origin: stack.webUrl } : {}) },
      body,
    });
  }

  const report = `/reports/${encodeURIComponent(MIDDLE)}`;
  /** A report's text as the editor's boxes post it. */
  const sections = (text: string) => {
    const split = splitSections(text, DEFAULT_TEMPLATE.sections);
    return { preamble: split.preamble, ...Object.fromEntries(split.sections.map((section, i) => [`section-${i}`, section.text])) };
  };

  /**
   * Tries `act` as every role the table refuses, then as `by`, one it allows. An act took effect
   * when `measure` (the report's state, its versions, its due date…) changed: the refused must
   * change nothing, and `by` must change it. Returns who got through.
   */
  async function whoGetsThrough(act: Act, by: Role, attempt: (role: Role) => Promise<Response>, measure: () => Promise<unknown>): Promise<Role[]> {
    const through: Role[] = [];
    const tookEffect = async (role: Role) => {
      const before = JSON.stringify(await measure());
      await attempt(role);
      return JSON.stringify(await measure()) !== before;
    };
    for (const role of ROLES.filter((r) => !MAY[act].includes(r))) if (await tookEffect(role)) through.push(role);
    if (await tookEffect(by)) through.push(by);
    return through;
  }

  /** Pages: who gets a 200. */
  async function whoMayOpen(path: string): Promise<Role[]> {
    const opened: Role[] = [];
    for (const role of ROLES) if ((await request(role, path)).status === 200) opened.push(role);
    return opened;
  }

  test('reading: the report page, the season dashboard and its export', async () => {
    expect(await whoMayOpen(report)).toEqual(MAY['read the report']);
    expect(await whoMayOpen('/seasons/demo-2026')).toEqual(MAY['open the dashboard']);
    expect(await whoMayOpen('/seasons/demo-2026/export?format=csv')).toEqual(MAY.export);
  });

  test('reading through the API: the same people, by personal token', async () => {
    const opened = async (path: string) => {
      const through: Role[] = [];
      for (const role of ROLES) {
        const { token } = await issueApiToken(stack.scratch.db, PEOPLE[role], 'authorization test', 1);
        const answer = await fetch(`${stack.webUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
        if (answer.status === 200) through.push(role);
      }
      return through;
    };
    expect(await opened(`/reports/${encodeURIComponent(MIDDLE)}`)).toEqual(MAY['read the report']);
    expect(await opened('/seasons/demo-2026/status')).toEqual(MAY['open the dashboard']);
    expect(await opened('/seasons/demo-2026/export?format=csv')).toEqual(MAY.export);
  });

  test('the season admin alone reminds and extends', async () => {
    const until = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    expect(await whoGetsThrough('remind now', 'admin', (role) => request(role, `${report}/admin`, { action: 'remind' }), reminders)).toEqual(['admin']);
    expect(await whoGetsThrough('extend', 'admin', (role) => request(role, `${report}/admin`, { action: 'extend', until }), dueAt)).toEqual(['admin']);
  });

  test('the secretary alone saves a draft and submits', async () => {
    expect(await whoGetsThrough('save a draft', 'secretary', (role) => request(role, `${report}/draft`, sections(GOOD_REPORT)), versions)).toEqual([
      'secretary',
    ]);
    const submit = (role: Role) => request(role, `${report}/submit`, { ...sections(GOOD_REPORT), acceptWarnings: 'yes' });
    expect(await whoGetsThrough('submit', 'secretary', submit, state)).toEqual(['secretary']);
  });

  test('the reviewer, or the delegate standing in, sends back and passes', async () => {
    const review = (decision: string) => (role: Role) => request(role, `${report}/review`, { decision, comment: '请补充' });
    expect(await whoGetsThrough('send back', 'delegate', review('request_revision'), state)).toEqual(['delegate']);
    await request('secretary', `${report}/submit`, { ...sections(GOOD_REPORT), acceptWarnings: 'yes' });
    expect(await state()).toBe('submitted');
    expect(await whoGetsThrough('pass review', 'reviewer', review('approve'), state)).toEqual(['reviewer']);
  });

  test('leadership alone approves, one report or in bulk', async () => {
    expect(await state()).toBe('reviewed');
    const inBulk = (role: Role) => request(role, '/queue/approve', { reportId: MIDDLE, [`rating-${MIDDLE}`]: '好' });
    // Everyone refused first; the bulk form's own success is web-bulk-approval.test.ts's.
    const refusedInBulk: Role[] = [];
    for (const role of ROLES.filter((r) => !MAY['approve in bulk'].includes(r))) {
      await inBulk(role);
      if ((await state()) !== 'reviewed') refusedInBulk.push(role);
    }
    expect(refusedInBulk).toEqual([]);
    const approve = (role: Role) => request(role, `${report}/review`, { decision: 'approve', rating: '好', comment: '同意' });
    expect(await whoGetsThrough('approve', 'Party group secretary', approve, state)).toEqual(['Party group secretary']);
    expect(await state()).toBe('approved');
  });
});
