// Seasons at two levels: a district season of three bureaus, and the education bureau's own season
// of five branches under it. The district's dashboard rolls the bureau's season up (progress,
// ratings, final grades, rectification) and links down one level, where the district's admin reads
// without the buttons; the district's Word and Markdown exports compile both levels.
import JSZip from 'jszip';
import type { FastifyInstance } from 'fastify';
import type { ActivityDeps } from '../../activities';
import { createReportActivities } from '../../activities/report-activities';
import { childSeasons } from '../../app/season-levels';
import { createSeason } from '../../app/season-commands';
import { ReportRequestError } from '../../app/report-commands';
import type { SeasonFile } from '../../domain/season-file';
import { seasonDocx } from '../../exports/docx-export';
import { seasonMarkdown } from '../../exports/markdown-export';
import { loadSeasonExportData } from '../../exports/season-data';
import { openSession, SESSION_COOKIE } from '../../web/sessions';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';
import { describeEachDatabase, type ScratchDatabase } from '../helpers/databases';
import { demoSeason } from '../helpers/seasons';
import { startWebAlone } from '../helpers/web-alone';

const DISTRICT_ADMIN = 'zuzhi@district.example';
const BUREAU_ADMIN = 'zuzhi@edu.example';
const person = (email: string, name: string) => ({ email, name, locale: 'zh-CN' as const });

function district(): SeasonFile {
  const base = demoSeason();
  return {
    ...base,
    id: 'district-2026',
    title: '2026年度区直单位党组织书记抓基层党建工作述职评议',
    people: [
      person(DISTRICT_ADMIN, '区委组织部'),
      person('shuji@district.example', '区委书记'),
      person('head@edu.example', '教育局党组书记'),
      person(BUREAU_ADMIN, '教育局组织科'),
      person('head@health.example', '卫健局党组书记'),
      person('head@town-a.example', '甲镇党委书记'),
    ],
    admins: [DISTRICT_ADMIN],
    leaders: ['shuji@district.example'],
    partyGroupSecretary: 'shuji@district.example',
    organization: {
      id: 'district',
      name: '某区',
      branches: [
        // The bureau's office is the district's liaison for it, and so may hang the bureau's season under it.
        { id: 'edu-bureau', name: '区教育局党组', secretary: 'head@edu.example', liaison: BUREAU_ADMIN },
        { id: 'health-bureau', name: '区卫健局党组', secretary: 'head@health.example' },
        { id: 'town-a', name: '甲镇党委', secretary: 'head@town-a.example' },
      ],
    },
  };
}

function eduBureau(parent: SeasonFile['parent'] = { season: 'district-2026', branch: 'edu-bureau' }): SeasonFile {
  const base = demoSeason();
  const schools = ['一中', '二中', '实验小学', '第一小学', '幼儿园'];
  return {
    ...base,
    id: 'edu-2026',
    title: '2026年度区教育局基层党组织书记述职评议',
    parent,
    people: [
      person(BUREAU_ADMIN, '教育局组织科'),
      person('head@edu.example', '教育局党组书记'),
      ...schools.map((s, i) => person(`shuji${i}@school.example`, `${s}书记`)),
    ],
    admins: [BUREAU_ADMIN],
    leaders: ['head@edu.example'],
    partyGroupSecretary: 'head@edu.example',
    organization: {
      id: 'edu',
      name: '区教育局',
      branches: schools.map((s, i) => ({ id: `school-${i}`, name: `${s}党支部`, secretary: `shuji${i}@school.example` })),
    },
  };
}

describeEachDatabase('seasons at two levels', (kind) => {
  let scratch: ScratchDatabase;
  let app: FastifyInstance;
  let port: number;

  const assign = async (seasonId: string, branchIds: string[]) => {
    const record = createReportActivities({ db: scratch.db, auditKey: TEST_AUDIT_KEY } as ActivityDeps);
    for (const branchId of branchIds)
      await record.recordAssignment({ seasonId, branchId, occurredAt: '2026-11-25T08:00:00.000Z', auditKey: `report/${seasonId}/${branchId}/assigned` });
  };
  const page = async (path: string, email: string) => {
    const session = await openSession(scratch.db, email);
    const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie: `${SESSION_COOKIE}=${session.id}` } });
    return { status: response.status, text: await response.text() };
  };

  beforeAll(async () => {
    scratch = await kind.create();
    const actor = (email: string) => ({ email, channel: 'cli' as const });
    await createSeason(scratch.db, district(), actor(DISTRICT_ADMIN), TEST_AUDIT_KEY);
    await createSeason(scratch.db, eduBureau(), actor(BUREAU_ADMIN), TEST_AUDIT_KEY);
    await assign('district-2026', ['edu-bureau', 'health-bureau', 'town-a']);
    await assign('edu-2026', ['school-0', 'school-1', 'school-2', 'school-3', 'school-4']);
    // Two schools' reports approved, with their final grades and one rectification item, as the cycle leaves them.
    for (const [i, rating, finalGrade] of [
      [0, '好', '好'],
      [1, '较好', '一般'],
    ] as const) {
      await scratch.db.report.update({ where: { id: `edu-2026/school-${i}` }, data: { state: 'approved', rating, finalGrade } });
      const hash = `hash-${i}`;
      await scratch.db.reportContent.create({ data: { hash, body: `# 述职报告\n## 一、主要工作\n第${i}校全年发展党员。` } });
      await scratch.db.reportVersion.create({
        data: { reportId: `edu-2026/school-${i}`, number: 1, kind: 'submission', authorEmail: `shuji${i}@school.example`, contentHash: hash },
      });
    }
    await scratch.db.rectificationItem.create({
      data: {
        id: 'edu-2026/school-1/1',
        seasonId: 'edu-2026',
        reportId: 'edu-2026/school-1',
        number: 1,
        problem: '台账不全',
        measure: '',
        ownerEmail: 'shuji1@school.example',
        reviewersJson: '[]',
        dueAt: new Date(Date.now() + 86_400_000),
      },
    });
    ({ app, port } = await startWebAlone(scratch.db));
  });
  afterAll(async () => {
    await app?.close();
    await scratch?.drop();
  });

  test('a season names a parent that exists, by a branch it has; anything else is refused and nothing is created', async () => {
    const refused = (parent: SeasonFile['parent']) =>
      createSeason(scratch.db, { ...eduBureau(parent), id: 'other-2026' }, { email: BUREAU_ADMIN, channel: 'cli' }, TEST_AUDIT_KEY).then(
        () => 'created',
        (error: unknown) => (error instanceof ReportRequestError ? error.code : Promise.reject(error)),
      );
    await expect(refused({ season: 'nowhere-2026', branch: 'edu-bureau' })).resolves.toBe('bad_parent');
    await expect(refused({ season: 'district-2026', branch: 'no-such-bureau' })).resolves.toBe('bad_parent');
    expect(await scratch.db.season.count({ where: { id: 'other-2026' } })).toBe(0);
  });

  test("only the parent's admins or the branch's own secretary or liaison hang a season under it, and a branch holds one", async () => {
    const create = (file: SeasonFile, email: string | undefined) =>
      createSeason(scratch.db, file, { email, channel: 'cli' }, TEST_AUDIT_KEY).then(
        () => 'created',
        (error: unknown) => (error instanceof ReportRequestError ? `${error.code}: ${error.reason['zh-CN']}` : Promise.reject(error)),
      );
    // Someone else's season, under the health bureau: not by a stranger, nor by another bureau's office, nor unsigned.
    const rogue = { ...eduBureau({ season: 'district-2026', branch: 'health-bureau' }), id: 'rogue-2026' };
    await expect(create(rogue, 'evil@evil.example')).resolves.toMatch(
      /^not_permitted: 只有上级季度 district-2026 的管理员，或其中 区卫健局党组 的书记或联络人/,
    );
    await expect(create(rogue, BUREAU_ADMIN)).resolves.toMatch(/^not_permitted: .*你（zuzhi@edu.example）不是/);
    await expect(create(rogue, undefined)).resolves.toMatch(/^not_permitted: .*请先登录/);
    // A second season under the education bureau, even by its own office: the branch has one.
    await expect(create({ ...eduBureau(), id: 'edu2-2026' }, BUREAU_ADMIN)).resolves.toMatch(/^bad_parent: 区教育局党组 下已有下级季度 edu-2026/);
    expect(await scratch.db.season.count({ where: { id: { in: ['rogue-2026', 'edu2-2026'] } } })).toBe(0);
    // The bureau's head, and the district's admin, may; the season itself is loaded again as before.
    await expect(create(eduBureau(), 'head@edu.example')).resolves.toBe('created');
    await expect(create(eduBureau(), DISTRICT_ADMIN)).resolves.toBe('created');
  });

  test("the district's dashboard rolls up the bureau's season: progress, ratings, final grades, rectification", async () => {
    const [edu] = await childSeasons(scratch.db, 'district-2026');
    expect(edu).toMatchObject({
      seasonId: 'edu-2026',
      parentBranchName: '区教育局党组',
      branches: 5,
      approved: 2,
      ratings: { 好: 1, 较好: 1, 一般: 0, 差: 0 },
      finalGrades: { 好: 1, 一般: 1 },
      rectification: { total: 1, accepted: 0 },
    });
    const dashboard = await page('/seasons/district-2026', DISTRICT_ADMIN);
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).toContain('data-testid="child-seasons"');
    expect(dashboard.text).toContain('href="/seasons/edu-2026"');
    expect(dashboard.text).toContain('2/5');
  });

  test("one level down, the district's admin reads the bureau's dashboard without its buttons; the bureau's admin has them; others see nothing", async () => {
    const overseen = await page('/seasons/edu-2026', DISTRICT_ADMIN);
    expect(overseen.status).toBe(200);
    expect(overseen.text).not.toContain('data-testid="season-close"');
    const own = await page('/seasons/edu-2026', BUREAU_ADMIN);
    expect(own.text).toContain('data-testid="season-close"');
    expect((await page('/seasons/district-2026', BUREAU_ADMIN)).status).toBe(403);
    expect((await page('/seasons/edu-2026', 'head@health.example')).status).toBe(403);
    // Each says where the season is held; the district's admin is told it is read only there.
    expect(overseen.text).toMatch(
      /data-testid="parent-season">上级述职: <a href="\/seasons\/district-2026">2026年度区直单位党组织书记抓基层党建工作述职评议<\/a> · 区教育局党组 · 你是上级述职的管理员：此处只读/,
    );
    expect(own.text).toContain('data-testid="parent-season"');
    expect(own.text).not.toContain('此处只读');
  });

  test("the district's admin follows the bureau's links: each report reads, without its forms, and the export downloads", async () => {
    const report = await page(`/reports/${encodeURIComponent('edu-2026/school-0')}`, DISTRICT_ADMIN);
    expect(report.status).toBe(200);
    expect(report.text).toContain('第0校全年发展党员');
    expect(report.text.match(/<form[^>]+action="[^"]*"/g)).toEqual(['<form method="post" action="/logout"']);
    expect((await page('/seasons/edu-2026/export?format=csv', DISTRICT_ADMIN)).status).toBe(200);
    // Not another bureau's head, nor the bureau's admin a level up.
    expect((await page(`/reports/${encodeURIComponent('edu-2026/school-0')}`, 'head@health.example')).status).toBe(403);
    const refused = await page('/seasons/district-2026/export?format=csv', BUREAU_ADMIN);
    expect(refused.status).toBe(403);
    // Said once, with the way home.
    expect(refused.text.split('您无权查看此页面。')).toHaveLength(3); // the <title> and the heading
    expect(refused.text).toContain('<a href="/" data-testid="back-home">返回首页</a>');
  });

  test("the district's export compiles both levels: each school's report titled with its bureau", async () => {
    const data = await loadSeasonExportData(scratch.db, 'district-2026');
    expect(data.children.map((c) => [c.branchName, c.data.approved.length])).toEqual([['区教育局党组', 2]]);
    const markdown = seasonMarkdown(data);
    expect(markdown).toContain('## 区教育局党组：2026年度区教育局基层党组织书记述职评议');
    expect(markdown).toContain('### 一中党支部');
    // The count and contents name what is compiled below, not only the district's own reports.
    expect(markdown).toContain('述职报告汇编 · 共 2 篇');
    expect(markdown).toContain('1. 区教育局党组：2026年度区教育局基层党组织书记述职评议（2 篇）');
    const xml = await (await JSZip.loadAsync(await seasonDocx(data))).file('word/document.xml')?.async('string');
    expect(xml).toContain('区教育局党组 · 一中党支部');
    expect(xml).toContain('共 2 篇');
  });
});
