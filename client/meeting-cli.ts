// `shuzhi meeting …`: 民主测评 — schedule a meeting from a file, hand out its anonymous ballots,
// watch the count, void a ballot, close the vote and read the results.
import type { Command } from 'commander';
import { closeMeeting, handOutBallots, meetingStatus, scheduleMeeting, voidBallot, type MeetingStatus } from '../app/evaluation-meeting';
import { gradeSeason } from '../app/final-grades';
import { loadMeetingFile } from '../app/meeting-file';
import { ballotTokens } from '../config/ballot-tokens';
import { loadAuditKeyring, loadSecret } from '../config/secret';
import type { MeetingTally } from '../domain/evaluation';
import { RATINGS, type Locale } from '../domain/vocabulary';
import { cliLocale, print, withContext, withKnown, withTemporal } from './cli-context';
import { operatorActor } from './cli-identity';
import { loginWords } from './login-messages';

const zh = {
  meeting: '民主测评：安排测评会、分发匿名选票、查看票数、作废选票、结束投票、查看结果',
  schedule: '按测评文件（YAML，见 examples/demo-meeting.yaml）安排一次民主测评，并给具名评议人发送选票',
  file: '测评文件（YAML）',
  ballots: '列出尚未投出的匿名选票链接（打印或生成二维码在会上分发）',
  status: '测评进度：已发、已投、作废的票数；结束后为各述职人的结果',
  close: '提前结束投票（到截止时间会自动结束）',
  void: '作废一张尚未投出的选票（如纸条遗失）',
  reason: '作废原因（记入台账）',
  seasonArg: '述职季度编号',
  meetingArg: '测评编号（测评文件中的 id）',
  ballotArg: '选票编号（meeting ballots 列出）',
  json: '输出 JSON',
  scheduled: (season: string, id: string, issued: number, again: boolean) =>
    again
      ? `测评 ${id} 此前已安排（共 ${issued} 张选票），未重复发票。`
      : `已安排测评 ${id}：共发出 ${issued} 张选票；具名评议人将收到邮件。匿名选票：shuzhi meeting ballots ${season} ${id} --as <管理员邮箱>`,
  count: (s: MeetingStatus) =>
    `${s.title}：已发 ${s.count.issued} 张，已投 ${s.count.cast} 张，作废 ${s.count.void} 张；${s.count.closed ? '投票已结束' : '投票进行中'}`,
  closed: (id: string) => `测评 ${id} 已结束，结果已记入台账：shuzhi meeting status 查看。`,
  voided: (ballotId: string) => `选票 ${ballotId} 已作废。`,
  none: '没有尚未投出的匿名选票。',
  grade: '按季度文件的综合评价规则（finalGrade），用本次测评结果和党组评价评定每位述职人的综合评价，并记入台账',
  graded: (branch: string, grade: string, because: string) => `${branch}\t${grade}\t${because}`,
  notApproved: (branch: string) => `${branch}\t—\t报告尚未审批，暂不评定`,
  header: ['述职人', '有效票', ...RATINGS, '加权得分'],
};
const en: typeof zh = {
  meeting: 'Democratic evaluation (民主测评): schedule a meeting, hand out anonymous ballots, watch the count, void a ballot, close the vote, read the results',
  schedule: 'Schedule an evaluation meeting from a file (YAML, see examples/demo-meeting.yaml) and mail the named evaluators their ballots',
  file: 'the meeting file (YAML)',
  ballots: 'List the links of the anonymous ballots not yet cast (print them or make QR codes to hand out)',
  status: "The meeting's count: ballots issued, cast and void; once closed, each reporter's results",
  close: 'Close the vote early (it closes by itself at its time)',
  void: 'Void a ballot not yet cast (a slip that was lost)',
  reason: 'why it is voided (kept in the record)',
  seasonArg: 'the season id',
  meetingArg: 'the meeting id (id in the meeting file)',
  ballotArg: 'the ballot id (meeting ballots lists them)',
  json: 'print JSON',
  scheduled: (season, id, issued, again) =>
    again
      ? `Meeting ${id} was scheduled before (${issued} ballots); nothing was issued again.`
      : `Scheduled meeting ${id}: ${issued} ballots issued; named evaluators are mailed theirs. Anonymous ballots: shuzhi meeting ballots ${season} ${id} --as <admin email>`,
  count: (s) =>
    `${s.title}: ${s.count.issued} issued, ${s.count.cast} cast, ${s.count.void} void; ${s.count.closed ? 'the vote has closed' : 'the vote is open'}`,
  closed: (id) => `Meeting ${id} has closed; its results are in the record: shuzhi meeting status shows them.`,
  voided: (ballotId) => `Ballot ${ballotId} is void.`,
  none: 'No anonymous ballot is left uncast.',
  grade:
    "Set each reporter's final grade (综合评价) by the season file's rule (finalGrade), from this meeting's results and leadership's rating, and record it",
  graded: (branch, grade, because) => `${branch}\t${grade}\t${because}`,
  notApproved: (branch) => `${branch}\t—\tnot approved yet: not graded`,
  header: ['reporter', 'votes', ...RATINGS, 'weighted score'],
};

const say = (locale: Locale = cliLocale()) => (locale === 'en' ? en : zh);

export function registerMeetingCommands(program: Command): void {
  const w = say();
  const meeting = program.command('meeting').description(w.meeting);
  const asHelp = loginWords().help.as;

  meeting
    .command('schedule')
    .description(w.schedule)
    .argument('<file>', w.file)
    .option('--as <email>', asHelp)
    .option('--json', w.json)
    .action(async (path: string, options: { as?: string; json?: boolean }) => {
      const file = loadMeetingFile(path);
      await withKnown(
        ({ config, db }) => operatorActor(config, db, options.as),
        async ({ config, db, client }, actor) => {
          const scheduled = await scheduleMeeting(client, db, loadAuditKeyring(config).current, file, actor);
          print(options.json, scheduled, w.scheduled(file.season, scheduled.meetingId, scheduled.issued, scheduled.alreadyScheduled));
        },
      );
    });

  meeting
    .command('ballots')
    .description(w.ballots)
    .argument('<season>', w.seasonArg)
    .argument('<meeting>', w.meetingArg)
    .option('--as <email>', asHelp)
    .option('--json', w.json)
    .action((seasonId: string, meetingId: string, options: { as?: string; json?: boolean }) =>
      withContext(async ({ config, db }) => {
        const actor = await operatorActor(config, db, options.as);
        const ballots = await handOutBallots(db, ballotTokens(loadSecret(config)), { seasonId, meetingId, actor }, config.PUBLIC_BASE_URL);
        print(options.json, ballots, ballots.length ? ballots.map((b) => `${b.groupId}\t${b.ballotId}\t${b.link}`).join('\n') : w.none);
      }),
    );

  meeting
    .command('status')
    .description(w.status)
    .argument('<season>', w.seasonArg)
    .argument('<meeting>', w.meetingArg)
    .option('--json', w.json)
    .action((seasonId: string, meetingId: string, options: { json?: boolean }) =>
      withTemporal(async ({ db, client }) => {
        const status = await meetingStatus(client, db, seasonId, meetingId);
        print(options.json, status, [w.count(status), ...(status.tally ? [resultsTable(status.tally)] : [])].join('\n\n'));
      }),
    );

  meeting
    .command('close')
    .description(w.close)
    .argument('<season>', w.seasonArg)
    .argument('<meeting>', w.meetingArg)
    .option('--as <email>', asHelp)
    .option('--json', w.json)
    .action((seasonId: string, meetingId: string, options: { as?: string; json?: boolean }) =>
      withKnown(
        ({ config, db }) => operatorActor(config, db, options.as),
        async ({ db, client }, actor) => print(options.json, await closeMeeting(client, db, { seasonId, meetingId, actor }), w.closed(meetingId)),
      ),
    );

  meeting
    .command('grade')
    .description(w.grade)
    .argument('<season>', w.seasonArg)
    .argument('<meeting>', w.meetingArg)
    .option('--as <email>', asHelp)
    .option('--json', w.json)
    .action((seasonId: string, meetingId: string, options: { as?: string; json?: boolean }) =>
      withContext(async ({ config, db }) => {
        const actor = await operatorActor(config, db, options.as);
        const graded = await gradeSeason(db, loadAuditKeyring(config).current, { seasonId, meetingId, actor });
        const locale = cliLocale();
        const lines = graded.map((g) => (g.grade && g.because ? w.graded(g.branchName, g.grade, g.because[locale]) : w.notApproved(g.branchName)));
        print(options.json, graded, lines.join('\n'));
      }),
    );

  meeting
    .command('void')
    .description(w.void)
    .argument('<season>', w.seasonArg)
    .argument('<meeting>', w.meetingArg)
    .argument('<ballot>', w.ballotArg)
    .requiredOption('--reason <text>', w.reason)
    .option('--as <email>', asHelp)
    .option('--json', w.json)
    .action((seasonId: string, meetingId: string, ballotId: string, options: { reason: string; as?: string; json?: boolean }) =>
      withKnown(
        ({ config, db }) => operatorActor(config, db, options.as),
        async ({ db, client }, actor) =>
          print(options.json, await voidBallot(client, db, { seasonId, meetingId, ballotId, reason: options.reason, actor }), w.voided(ballotId)),
      ),
    );
}

/** One row per reporter: votes, the count of each grade with its share, the weighted score. */
function resultsTable(tally: MeetingTally): string {
  const rows = tally.reporters.map((r) => [
    r.branchName,
    String(r.total.votes),
    ...RATINGS.map((grade) => `${r.total.counts[grade]} (${r.total.percentages[grade]}%)`),
    r.weightedScore === null ? '—' : String(r.weightedScore),
  ]);
  return [say().header, ...rows].map((row) => row.join('\t')).join('\n');
}
