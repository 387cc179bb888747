// The CLI off the demo stack, as a person: `--as` is refused; `shuzhi login` keeps a token made on
// the web app; a secretary's draft and submission, a reviewer's pass and a leader's bulk approval
// go through the web app's API under the token's person (channel api); an admin's extend, which
// needs the database, is recorded under the token's owner (channel cli).
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueApiToken } from '../../app/api-tokens';
import { runCli } from '../helpers/cli';
import { GOOD_REPORT } from '../helpers/report-harness';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { startSeasonOnStack } from '../helpers/season-on-stack';
import { DEMO, demoSeasonWithReviewer } from '../helpers/seasons';

const { middle: MIDDLE, primary: PRIMARY, secretary: SECRETARY, otherSecretary: OTHER_SECRETARY, reviewer: REVIEWER, leader: LEADER, admin: ADMIN } = DEMO;

describe('the CLI as a person, off the demo stack', () => {
  let stack: RealStack;
  /** The stack's addresses with a data folder the demo stack did not mark: what a deployment's CLI sees. */
  let deployed: NodeJS.ProcessEnv;
  let reportFile = '';

  beforeAll(async () => {
    stack = await startRealStack('cli-person');
    stack.startWorker();
    await stack.startWeb();
    await startSeasonOnStack(stack, demoSeasonWithReviewer());
    deployed = {
      ...stack.cliEnv,
      SHUZHI_DATA_DIR: mkdtempSync(join(tmpdir(), 'shuzhi-deployed-')),
      XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'shuzhi-home-')),
    };
    reportFile = join(stack.dir, 'report.md');
    writeFileSync(reportFile, GOOD_REPORT);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const tokenOf = async (email: string) => (await issueApiToken(stack.scratch.db, email, 'cli', 30)).token;
  const actsOn = (reportId: string, action: string) =>
    stack.scratch.db.auditEvent.findMany({ where: { reportId, action }, select: { actorEmail: true, channel: true } });
  const stateOf = async (reportId: string) => (await stack.scratch.db.report.findUniqueOrThrow({ where: { id: reportId } })).state;

  test('--as is refused before anything is done, naming shuzhi login', async () => {
    const draft = await runCli(['report', 'draft', MIDDLE, '--file', reportFile, '--as', SECRETARY], deployed);
    expect(draft.code).toBe(1);
    expect(draft.stderr).toContain(`--as ${SECRETARY} works only on the embedded demo stack`);
    expect(draft.stderr).toContain('shuzhi login');
    const close = await runCli(['season', 'close', 'demo-2026', '--as', ADMIN], deployed);
    expect(close.code).toBe(1);
    expect(close.stderr).toContain('works only on the embedded demo stack');
    expect(await actsOn(MIDDLE, 'report.draft_saved')).toEqual([]);
    expect((await stack.scratch.db.season.findUniqueOrThrow({ where: { id: 'demo-2026' } })).status).toBe('running');
  });

  test('without a token, a person is asked to sign in', async () => {
    const submit = await runCli(['report', 'submit', MIDDLE, '--file', reportFile], deployed);
    expect(submit.code).toBe(1);
    expect(submit.stderr).toContain('The CLI is not signed in: run shuzhi login');
  });

  test('shuzhi login refuses a wrong token and keeps nothing; a right one is kept for the user alone', async () => {
    const wrong = await runCli(['login', '--url', stack.webUrl], deployed, undefined, `shz_${'0'.repeat(24)}_${'a'.repeat(43)}\n`);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/token/i);
    expect((await runCli(['whoami'], deployed)).stderr).toContain('not signed in');

    const login = await runCli(['login', '--url', stack.webUrl], deployed, undefined, `${await tokenOf(SECRETARY)}\n`);
    expect(login.stderr).toBe('');
    expect(login.stdout).toContain(`Signed in as ${SECRETARY}`);
    const kept = join(deployed.XDG_CONFIG_HOME ?? '', 'shuzhi', 'login.json');
    expect(statSync(kept).mode & 0o777).toBe(0o600);
    expect((await runCli(['whoami'], deployed)).stdout).toContain(SECRETARY);
    expect((await runCli(['report', 'list'], deployed)).stdout).toContain(MIDDLE);
  });

  test('her draft and submission go through the API, recorded as hers with channel api', async () => {
    const draft = await runCli(['report', 'draft', MIDDLE, '--file', reportFile], deployed);
    expect(draft.stderr).toBe('');
    expect(draft.stdout).toContain(`Saved draft v1 of ${MIDDLE}`);
    const submit = await runCli(['report', 'submit', MIDDLE, '--file', reportFile, '--accept-warnings'], deployed);
    expect(submit.stderr).toBe('');
    expect(await stateOf(MIDDLE)).toBe('submitted');
    expect(await actsOn(MIDDLE, 'report.draft_saved')).toEqual([{ actorEmail: SECRETARY, channel: 'api' }]);
    expect(await actsOn(MIDDLE, 'report.submitted')).toEqual([{ actorEmail: SECRETARY, channel: 'api' }]);
  });

  test("another secretary's token is refused the review in the API's words, and nothing changes", async () => {
    const review = await runCli(['report', 'review', MIDDLE, '--approve'], { ...deployed, SHUZHI_TOKEN: await tokenOf(OTHER_SECRETARY) });
    expect(review.code).toBe(1);
    expect(review.stderr).toContain('No such report, or not one you may see.');
    expect(await stateOf(MIDDLE)).toBe('submitted');
  });

  test('the reviewer passes it with SHUZHI_TOKEN, and the leader approves in bulk', async () => {
    const review = await runCli(['report', 'review', MIDDLE, '--approve', '--comment', '同意'], { ...deployed, SHUZHI_TOKEN: await tokenOf(REVIEWER) });
    expect(review.stderr).toBe('');
    expect(review.stdout).toContain(MIDDLE);
    expect(await actsOn(MIDDLE, 'report.review_passed')).toEqual([{ actorEmail: REVIEWER, channel: 'api' }]);

    const approve = await runCli(['season', 'approve', 'demo-2026', '--rating', '好'], { ...deployed, SHUZHI_TOKEN: await tokenOf(LEADER) });
    expect(approve.stderr).toBe('');
    expect(approve.code).toBe(0);
    expect(approve.stdout).toContain(`${MIDDLE}: approved`);
    expect(await stateOf(MIDDLE)).toBe('approved');
    expect(await actsOn(MIDDLE, 'report.approved')).toEqual([{ actorEmail: LEADER, channel: 'api' }]);
  });

  test("an admin's extend needs the database: it is recorded under the token's owner, channel cli", async () => {
    const extend = await runCli(['report', 'extend', PRIMARY, '--until', '2027-03-31'], { ...deployed, SHUZHI_TOKEN: await tokenOf(ADMIN) });
    expect(extend.stderr).toBe('');
    expect(await actsOn(PRIMARY, 'report.extended')).toEqual([{ actorEmail: ADMIN, channel: 'cli' }]);
    // A revoked or unknown token is refused there too, before anything changes.
    const refused = await runCli(['report', 'extend', PRIMARY, '--until', '2027-04-30'], {
      ...deployed,
      SHUZHI_TOKEN: `shz_${'1'.repeat(24)}_${'b'.repeat(43)}`,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The token was refused');
    expect(await actsOn(PRIMARY, 'report.extended')).toHaveLength(1);
  });

  test('report reassign checks the new secretary as the page does: not the same person in capitals, a name within its limit', async () => {
    const asAdmin = { ...deployed, SHUZHI_TOKEN: await tokenOf(ADMIN) };
    const same = await runCli(['report', 'reassign', PRIMARY, '--to', 'SHUJI.SHIXIAO@school.example'], asAdmin);
    expect({ code: same.code, stderr: same.stderr }).toEqual({ code: 1, stderr: expect.stringContaining('This person is already the branch secretary') });
    const long = await runCli(['report', 'reassign', PRIMARY, '--to', 'new.shuji@school.example', '--name', '张'.repeat(300)], asAdmin);
    expect({ code: long.code, stderr: long.stderr }).toEqual({ code: 1, stderr: expect.stringContaining('40') });
    const nameless = await runCli(['report', 'reassign', PRIMARY, '--to', 'new.shuji@school.example'], asAdmin);
    expect({ code: nameless.code, stderr: nameless.stderr }).toEqual({ code: 1, stderr: expect.stringContaining('give the new secretary’s name') });
    expect(await actsOn(PRIMARY, 'report.reassigned')).toEqual([]);
  });
});
