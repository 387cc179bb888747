// A small season on the time-skipping server, one branch report workflow at a time, driven
// through the same client functions the CLI uses.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ReportRequestError } from '../../app/report-commands';
import { importSeason } from '../../db/season-import';
import { TASK_QUEUE } from '../../domain/constants';
import { reportWorkflowId } from '../../domain/ids';
import { DEFAULT_SCHEDULE, type SeasonFile } from '../../domain/season-file';
import type { Actor } from '../../domain/report-api';
import { branchReportWorkflow } from '../../workflows';
import { databaseKinds, type ScratchDatabase } from './databases';
import { RecordingMailer } from './fakes';
import { startDevServer, startTimeSkippingServer } from './temporal';
import { startTestWorker, type TestWorker } from './test-worker';
import { waitUntil } from './wait';
import { TEST_AUDIT_KEY } from './audit-key';
import { at } from './at';

export const DAY = 86_400_000;

export const PEOPLE = {
  admin: 'admin@bureau.example',
  leader: 'leader@bureau.example',
  partyGroupSecretary: 'pgs@bureau.example',
  liaison: 'liaison@bureau.example',
  reviewer: 'reviewer@bureau.example',
  secretary: 'secretary@school.example',
  newSecretary: 'new.secretary@school.example',
};

export const as = (email: string): Actor => ({ email, channel: 'cli' });

/** The code of the refusal a request met; a request that was carried out fails the test. */
export async function rejection(request: Promise<unknown>): Promise<string> {
  try {
    await request;
  } catch (error) {
    if (error instanceof ReportRequestError) return error.code;
    throw error;
  }
  throw new Error('expected the request to be refused');
}

export const GOOD_REPORT = `# 述职报告
现述职如下。
## 一、主要工作
全年发展预备党员 2 名，收缴党费 3000 元。
## 二、存在的主要问题及原因
学习不够深入。
## 三、下步工作思路和主要措施
加强学习。
`;

/** A report whose section 三 promises measures a rectification item can take (domain/rectification.ts). */
export const REPORT_WITH_MEASURES = `# 述职报告
## 一、主要工作
全年发展预备党员 2 名，收缴党费 3000 元。
## 二、存在的主要问题及原因
“三会一课”落实不够经常。
## 三、下步工作思路和主要措施
1. 落实“三会一课”制度，每月组织一次集中学习。
2. 规范党费收缴，按月公示党费收缴情况。
`;

export class ReportHarness {
  env!: TestWorkflowEnvironment;
  scratch!: ScratchDatabase;
  readonly mailer = new RecordingMailer();
  private worker?: TestWorker;
  private seasons = 0;

  /** `dev`: the dev server in real time, for what time skipping cannot show (a worker that is away while timers fall due). */
  constructor(private readonly server: 'time-skipping' | 'dev' = 'time-skipping') {}

  async start(): Promise<void> {
    this.env = await (this.server === 'dev' ? startDevServer() : startTimeSkippingServer());
    this.scratch = await at(databaseKinds(), 0, 'database kind').create();
    await this.startWorker();
  }

  /** Starts (or, after stopWorker, restarts) the worker: while none runs, timers fire on the server but nothing is done. */
  async startWorker(): Promise<void> {
    this.worker = await startTestWorker(this.env, { db: this.scratch.db, mailer: this.mailer });
  }

  async stopWorker(): Promise<void> {
    await this.worker?.stop();
  }

  async stop(): Promise<void> {
    if (this.worker?.worker.getState() === 'RUNNING') this.worker.worker.shutdown();
    await this.worker?.running;
    await this.scratch?.drop();
    await this.env?.teardown();
  }

  get client() {
    return this.env.client;
  }

  get db() {
    return this.scratch.db;
  }

  async now(): Promise<number> {
    return this.env.currentTimeMs();
  }

  /** A one-branch season due `dueInDays` from now (server time), and its report workflow started. */
  async startReport(
    options: {
      dueInDays?: number;
      /** The due date in milliseconds from now, for seasons that run in real time. */
      dueInMs?: number;
      schedule?: Partial<SeasonFile['schedule']>;
      maxHistoryEvents?: number;
      awaitAssignmentMail?: boolean;
      /** Changes to the one-branch season: other leaders, a leader as the secretary, the season's rules. */
      season?: (file: SeasonFile) => SeasonFile;
    } = {},
  ) {
    this.seasons += 1;
    const seasonId = `s${this.seasons}`;
    const dueAt = new Date((await this.now()) + (options.dueInMs ?? (options.dueInDays ?? 10) * DAY));
    const base: SeasonFile = {
      id: seasonId,
      title: '2026年度述职评议（测试）',
      year: 2026,
      timeZone: 'Asia/Shanghai',
      dueDate: dueAt.toISOString(),
      schedule: { ...DEFAULT_SCHEDULE, ...options.schedule },
      template: { sections: ['一、主要工作', '二、存在的主要问题及原因', '三、下步工作思路和主要措施'], maxCharacters: 20000 },
      people: Object.values(PEOPLE).map((email) => ({ email, name: email.split('@')[0] ?? email, locale: 'zh-CN' as const })),
      admins: [PEOPLE.admin],
      leaders: [PEOPLE.leader],
      partyGroupSecretary: PEOPLE.partyGroupSecretary,
      organization: {
        id: `bureau-${seasonId}`,
        name: '教体局党组',
        branches: [{ id: 'school', name: '实验小学党支部', secretary: PEOPLE.secretary, liaison: PEOPLE.liaison, reviewer: PEOPLE.reviewer }],
      },
    };
    const file = options.season ? options.season(base) : base;
    const branch = file.organization.branches[0] as SeasonFile['organization']['branches'][number];
    await importSeason(this.db, file, { email: PEOPLE.admin, channel: 'cli' }, TEST_AUDIT_KEY);
    const handle = await this.client.workflow.start(branchReportWorkflow, {
      workflowId: reportWorkflowId(seasonId, 'school'),
      taskQueue: TASK_QUEUE,
      args: [
        {
          seasonId,
          branchId: branch.id,
          seasonTitle: file.title,
          branchName: branch.name,
          timeZone: file.timeZone,
          maxHistoryEvents: options.maxHistoryEvents,
        },
      ],
    });
    const reportId = `${seasonId}/school`;
    await this.waitFor(async () => (await this.db.report.count({ where: { id: reportId } })) === 1);
    if (options.awaitAssignmentMail !== false) await this.waitFor(async () => (await this.mails(reportId)).length >= 1);
    return { seasonId, reportId, handle, dueAt: dueAt.getTime() };
  }

  /**
   * Mail of one report that the mailer was handed, oldest first: kind, recipient and the workflow
   * time it was due. The log says which mail it was; only what reached the mailer counts, so a
   * mail logged as sent but never handed over is missing here.
   */
  async mails(reportId: string) {
    const rows = await this.db.sentMail.findMany({ where: { reportId, status: 'sent' }, orderBy: [{ requestedAt: 'asc' }, { createdAt: 'asc' }] });
    const delivered = new Set(this.mailer.sent.map((mail) => `${mail.messageId} ${mail.to}`));
    return rows.filter((m) => delivered.has(`${m.messageId} ${m.toAddress}`)).map((m) => ({ kind: m.kind, to: m.toAddress, at: m.requestedAt?.getTime() }));
  }

  /**
   * The mails of one report as the mailer got them (subject and text), oldest first. Reports of
   * earlier tests that were left running keep mailing the same people, so a test picks its own
   * report's mail by the log, never by recipient or position.
   */
  async deliveredMails(reportId: string) {
    const rows = await this.db.sentMail.findMany({ where: { reportId, status: 'sent' }, select: { messageId: true } });
    const ofReport = new Set(rows.map((row) => row.messageId));
    return this.mailer.sent.filter((mail) => ofReport.has(mail.messageId));
  }

  /** The record of one report, oldest first: action and actor. */
  async audit(reportId: string) {
    const rows = await this.db.auditEvent.findMany({ where: { reportId }, orderBy: { id: 'asc' } });
    return rows.map((e) => [e.action, e.actorEmail]);
  }

  waitFor(done: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
    return waitUntil(done, timeoutMs, 'the workflow');
  }
}
