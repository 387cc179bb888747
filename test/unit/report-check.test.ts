// One full-length report, saved the five ways offices save it, read through `shuzhi report check`
// and through the web editor's upload: the same text, the same findings, the same figures.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeReportBytes, readReportFile } from '../../app/text-file';
import { CHECK_EXIT, readReportText, reportCheck } from '../../client/report-check-command';
import { checkReport, DEFAULT_TEMPLATE, type CheckResult, type Finding } from '../../domain/submission-check';
import { joinSections } from '../../web/report-sections';
import { readUploadedDraft, uploadName } from '../../web/report-upload';
import { SOURCE, textVariants } from '../fixtures/reports/generate-variants';

const DIR = join(__dirname, '..', 'fixtures', 'reports');
const VARIANTS = ['full-report.txt', 'full-report.crlf.txt', 'full-report.gbk.txt', 'full-report.utf16le.txt', 'full-report.docx'];
const source = () => readFileSync(join(DIR, SOURCE), 'utf8');

// What a reviewer reads in this report: every figure, each in a different phrasing.
const FIGURES = {
  probationaryMembersRecruited: 3, // 全年共发展3名预备党员
  membersConfirmed: 2, // 转正预备党员2人
  activistsTrained: 4, // 积极分子培养4人
  developmentTargets: 3, // 确定发展对象三名
  inServiceMembers: 356, // 356名在职党员
  retiredMembers: 87, // 87名退休党员
  duesCollectedYuan: 52_360, // 收缴党费52,360元
};

// Its unfilled placeholders: [section, line, column, context]. 组织X名党员教师与X名学困生 is one warning.
const PLACEHOLDERS = [
  ['一、主要工作', 8, 43, '……，创建“党员示范岗”X个，设立“党员先锋班级……'],
  ['一、主要工作', 8, 77, '……、公开课42节。组织X名党员教师与X名学困生……'],
  ['一、主要工作', 9, 115, '……工签订师德承诺书。与某某社区党委签订共建协议，……'],
  ['二、存在的主要问题及原因', 13, 74, '……部集中学习参学率仅为X%。究其原因，主要是学……'],
  ['三、下步工作思路和主要措施', 19, 115, '……建，投入党建工作经费XX元，打造特色鲜明的党建……'],
  ['三、下步工作思路和主要措施', 24, 5, '述职人：某某'],
];
const placed = (findings: Finding[]) => findings.map((f) => [f.section, f.line, f.column, f.context]);

/** `report check` in this process, its output read back. */
async function check(args: { file: string; json?: boolean; season?: string }): Promise<{ code: number; out: string }> {
  const printed: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((text: string) => void printed.push(text));
  try {
    return { code: await reportCheck(args), out: printed.join('\n') };
  } finally {
    log.mockRestore();
  }
}

type Checked = CheckResult & { encoding: string; notice?: { 'zh-CN': string } };
const checkJson = async (file: string) => {
  const { code, out } = await check({ file, json: true });
  return { code, result: JSON.parse(out) as Checked };
};

describe('a full-length report in UTF-8, UTF-8 with CRLF, GBK, UTF-16LE and Word', () => {
  test('the committed files are the report itself, as generate-variants.ts writes them', async () => {
    for (const [name, bytes] of Object.entries(textVariants(source()))) expect(readFileSync(join(DIR, name)).equals(bytes)).toBe(true);
    for (const name of VARIANTS) expect((await readReportFile(join(DIR, name))).text).toBe(source());
  });

  test('`report check` finds the same placeholders and figures in each, with no errors (exit 0)', async () => {
    const reference = await checkJson(join(DIR, SOURCE));
    expect(reference.code).toBe(CHECK_EXIT.ok);
    expect(reference.result.errors).toEqual([]);
    expect(placed(reference.result.warnings)).toEqual(PLACEHOLDERS);
    expect(reference.result.figures).toEqual(FIGURES);
    for (const name of VARIANTS) {
      const { code, result } = await checkJson(join(DIR, name));
      expect({ name, code, errors: result.errors, warnings: result.warnings, figures: result.figures, characters: result.characters }).toEqual({
        name,
        code: CHECK_EXIT.ok,
        errors: [],
        warnings: reference.result.warnings,
        figures: FIGURES,
        characters: reference.result.characters,
      });
    }
  });

  test('a file not in UTF-8 is read with a notice naming its encoding', async () => {
    const encodings: Checked[] = [];
    for (const name of VARIANTS) encodings.push((await checkJson(join(DIR, name))).result);
    expect(encodings.map((r) => [r.encoding, r.notice?.['zh-CN'] ?? null])).toEqual([
      ['utf-8', null],
      ['utf-8', null],
      ['gb18030', expect.stringContaining('GB18030')],
      ['utf-16le', expect.stringContaining('UTF-16')],
      ['docx', null],
    ]);
  });

  test('`report draft` and `report submit` read each file to the same text, any encoding notice on stderr', async () => {
    const told: string[] = [];
    const error = jest.spyOn(console, 'error').mockImplementation((text: string) => void told.push(text));
    try {
      for (const name of VARIANTS) expect(await readReportText(join(DIR, name))).toBe(source());
    } finally {
      error.mockRestore();
    }
    expect(told).toEqual([
      '! full-report.gbk.txt 按 GB18030（GBK） 编码读取；建议另存为 UTF-8。',
      '! full-report.utf16le.txt 按 UTF-16 编码读取；建议另存为 UTF-8。',
    ]);
  });

  test('the web editor, uploading each file, finds the same placeholders and figures in what it saves', async () => {
    for (const name of VARIANTS) {
      const read = await readUploadedDraft(readFileSync(join(DIR, name)), name, DEFAULT_TEMPLATE.sections);
      if (!('draft' in read)) throw new Error(`${name} was refused: ${read.refused['zh-CN']}`);
      const result = checkReport(joinSections(read.draft));
      // The editor saves the sections under "## " headings, so lines move; the place on the line does not.
      expect({ name, errors: result.errors, placeholders: result.warnings.map((f) => [f.section, f.column, f.context]), figures: result.figures }).toEqual({
        name,
        errors: [],
        placeholders: PLACEHOLDERS.map(([section, , column, context]) => [section, column, context]),
        figures: FIGURES,
      });
    }
  });

  test('the text output names each placeholder with section, line, column and context, and the figures with Chinese labels', async () => {
    const { code, out } = await check({ file: join(DIR, 'full-report.gbk.txt') });
    expect(code).toBe(CHECK_EXIT.ok);
    const lines = out.split('\n');
    expect(lines[0]).toBe('检查 full-report.gbk.txt：共 2794 字，0 个错误，6 个警告');
    expect(lines[1]).toContain('按 GB18030（GBK） 编码读取');
    expect(lines).toContain('! “一、主要工作”第 8 行第 77 列有未填写的占位符“X名”：……、公开课42节。组织X名党员教师与X名学困生……（本行共 2 处）');
    expect(lines.slice(-9)).toEqual([
      '报告中的数字：',
      '  发展预备党员：3 名',
      '  预备党员转正：2 名',
      '  培养入党积极分子：4 名',
      '  发展对象：3 名',
      '  在职党员：356 名',
      '  退休党员：87 名',
      '  党费：52,360 元',
      '✓ 没有错误；提交时须确认上面 6 个警告（--accept-warnings）。',
    ]);
  });
});

describe('what `report check` says when it cannot check, or finds errors', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'shuzhi-report-check-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, bytes: Buffer | string) => {
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  };

  test.each([
    ['photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'photo.txt 是图片，不是文本文件。'],
    ['report.pdf', Buffer.from('%PDF-1.7\n%\xe2\xe3\n', 'latin1'), 'report.pdf 是PDF 文件，不是文本文件。'],
    ['data.bin', Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0x00, 0x10]), 'data.bin 是二进制文件，不是文本文件。'],
  ])('%s: one line naming what it is, and exit 2, never "缺少必需的部分"', async (name, bytes, says) => {
    const { code, out } = await check({ file: file(name, bytes) });
    expect(code).toBe(CHECK_EXIT.cannotCheck);
    expect(out).toBe(`? ${says}请另存为 Word 文档（.docx）或 UTF-8 文本文件后再试。`);
  });

  test('a file that is not there is named, with what to do, and exits 2 (in JSON too)', async () => {
    const missing = join(dir, 'nosuch.docx');
    expect(await check({ file: missing })).toEqual({ code: CHECK_EXIT.cannotCheck, out: `? 找不到文件 ${missing}：请检查路径和文件名。` });
    const json = await check({ file: missing, json: true });
    expect(json.code).toBe(CHECK_EXIT.cannotCheck);
    expect(JSON.parse(json.out)).toMatchObject({
      file: missing,
      checked: false,
      reason: { en: `${missing} does not exist: check the path and the file name.` },
    });
  });

  test('a report missing a section exits 1, naming the error, and says it cannot be submitted as it is', async () => {
    const text = source().replace(/二、存在的主要问题及原因\n[\s\S]*?(?=三、)/, '');
    const { code, out } = await check({ file: file('missing.txt', text) });
    expect(code).toBe(CHECK_EXIT.errors);
    expect(out.split('\n')).toEqual(
      expect.arrayContaining([
        '✗ 缺少必需的部分“二、存在的主要问题及原因”。',
        '✗ 有 1 个错误，改正后才能提交。',
        expect.stringMatching(/^检查 missing\.txt：共 \d+ 字，1 个错误，5 个警告$/),
      ]),
    );
  });

  test('a clean report says so, and names the figures it did not find', async () => {
    const clean = '一、主要工作\n发展预备党员3人。\n二、存在的主要问题及原因\n学习不够。\n三、下步工作思路和主要措施\n加强学习。\n';
    const { code, out } = await check({ file: file('clean.txt', clean) });
    expect(code).toBe(CHECK_EXIT.ok);
    expect(out.split('\n').slice(-3)).toEqual([
      '  发展预备党员：3 名',
      '  未找到：预备党员转正、培养入党积极分子、发展对象、在职党员、退休党员、党费',
      '✓ 没有错误，也没有警告，可以提交。',
    ]);
  });

  test('the web upload refuses what is not text with the same words, and names the file only when the browser gave its name', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(await readUploadedDraft(png, uploadName(encodeURIComponent('照片.png'), 'zh-CN'), [])).toEqual({
      refused: {
        'zh-CN': '照片.png 是图片，不是文本文件。请另存为 Word 文档（.docx）或 UTF-8 文本文件后再试。',
        en: expect.stringContaining('照片.png is an image'),
      },
    });
    expect(uploadName(undefined, 'en')).toBe('the uploaded file');
    expect(uploadName('%E0%A4%A', 'zh-CN')).toBe('上传的文件');
    await expect(decodeReportBytes(png, 'x.png')).rejects.toThrow('x.png is an image');
  });
});
