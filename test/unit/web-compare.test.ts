// The version comparison (issue #24, defect 4): line endings never count as a change, a changed
// figure in a long Chinese paragraph marks that figure alone, the default pair is the latest
// against the last submission, and the page says in words what its marks mean.
import { normalizeLineEndings } from '../../domain/report-text';
import { compareTexts, words, type DiffRow } from '../../web/compare-diff';
import { translator } from '../../web/i18n';
import type { PageContext } from '../../web/layout';
import { chooseVersions, comparePage } from '../../web/pages/compare-page';
import type { ReportView } from '../../web/report-view';

const PARAGRAPH = '全年发展预备党员12名，转正8名，培训入党积极分子30名，收缴党费3000元，开展主题党日活动12次，组织集中学习24次。';
const REPORT = `# 述职报告\n现述职如下。\n\n## 一、主要工作\n${PARAGRAPH}\n\n## 二、存在的主要问题及原因\n学习不够深入。\n`;

/** A row as marks: [+added] and [-removed], kept text as it is. */
const marked = (row: DiffRow) => row.map((p) => (p.kind === 'same' ? p.text : `[${p.kind === 'added' ? '+' : '-'}${p.text}]`)).join('');

describe('line endings', () => {
  test('CRLF and lone CR become LF', () => {
    expect(normalizeLineEndings('一\r\n二\r三\n')).toBe('一\n二\n三\n');
  });

  test('a draft saved with LF against the same text submitted with CRLF shows no change', () => {
    const comparison = compareTexts(REPORT, REPORT.replace(/\n/g, '\r\n'));
    expect(comparison.changes).toBe(0);
    expect(comparison.rows.flat().every((p) => p.kind === 'same')).toBe(true);
  });
});

describe('changes within a line', () => {
  test('one changed figure in a long Chinese paragraph marks that figure, not the paragraph', () => {
    const comparison = compareTexts(REPORT, REPORT.replace('预备党员12名', '预备党员15名'));
    expect(comparison.changes).toBe(1);
    expect(comparison.rows.map(marked)).toContain(PARAGRAPH.replace('12名', '[-12][+15]名'));
  });

  test('Chinese text is compared by its words, each line break a token of its own', () => {
    expect(words('发展党员2名。\n转正')).toEqual(['发展', '党员', '2', '名', '。', '\n', '转', '正']);
  });

  test('a changed word in Chinese is marked as the word, not character by character', () => {
    const rows = compareTexts('学习不够深入，调研不够扎实。', '学习不够系统，调研不够扎实。').rows.map(marked);
    expect(rows).toEqual(['学习不够[-深入][+系统]，调研不够扎实。']);
  });

  test('a paragraph rewritten more than kept is shown removed and added whole', () => {
    const rows = compareTexts('学习不够深入。\n', '全年开展主题党日十二次，覆盖全体党员。\n').rows.map(marked);
    expect(rows).toEqual(['[-学习不够深入。]', '[+全年开展主题党日十二次，覆盖全体党员。]']);
  });

  test('paragraphs changed one after another are compared pair by pair', () => {
    const rows = compareTexts('发展党员12名。\n开展活动3次。\n', '发展党员15名。\n开展活动4次。\n').rows.map(marked);
    expect(rows).toEqual(['发展党员[-12][+15]名。', '开展活动[-3][+4]次。']);
  });

  test('a changed run longer than 20,000 characters in all is shown removed and added whole, not searched word by word', () => {
    const long = Array.from({ length: 800 }, (_, i) => `第${i}项工作开展主题党日活动${i % 7}次，`).join('');
    const rows = compareTexts(long, [...long].reverse().join(''));
    expect(rows.rows.map((row) => row.map((p) => p.kind))).toEqual([['removed', 'added']]);
  });

  test('a paragraph split in two shows the added line break', () => {
    const comparison = compareTexts('发展党员2名。转正1名。', '发展党员2名。\n转正1名。');
    expect(comparison.rows.map(marked)).toEqual(['发展党员2名。[+\n]', '转正1名。']);
    expect(comparison.changes).toBe(1);
  });

  test('a paragraph added and one removed elsewhere are two changes', () => {
    const after = REPORT.replace('现述职如下。\n', '').replace('学习不够深入。\n', '学习不够深入。\n调研不够。\n');
    const comparison = compareTexts(REPORT, after);
    expect(comparison.changes).toBe(2);
    expect(comparison.rows.map(marked)).toEqual(expect.arrayContaining(['[-现述职如下。]', '[+调研不够。]']));
  });
});

describe('which two versions', () => {
  const versions = [
    { number: 1, kind: 'draft' },
    { number: 2, kind: 'submission' },
    { number: 3, kind: 'draft' },
    { number: 4, kind: 'draft' },
    { number: 5, kind: 'submission' },
    { number: 6, kind: 'draft' },
  ];
  const numbers = (chosen: { from?: { number: number }; to?: { number: number } }) => [chosen.from?.number, chosen.to?.number];

  test('by default the latest against the last submission before it, not the version before it', () => {
    expect(numbers(chooseVersions(versions, {}))).toEqual([5, 6]);
    expect(numbers(chooseVersions(versions, { to: '5' }))).toEqual([2, 5]);
    expect(numbers(chooseVersions(versions, { to: '4' }))).toEqual([2, 4]);
  });

  test('any two versions, the earlier always first; where none was submitted before, the one before', () => {
    expect(numbers(chooseVersions(versions, { from: '6', to: '1' }))).toEqual([1, 6]);
    expect(numbers(chooseVersions(versions, { from: '3', to: '4' }))).toEqual([3, 4]);
    expect(numbers(chooseVersions(versions, { to: '2' }))).toEqual([1, 2]);
    expect(numbers(chooseVersions(versions, { from: 'x', to: '99' }))).toEqual([5, 6]);
  });

  test('one version alone has nothing to compare with', () => {
    expect(numbers(chooseVersions([{ number: 1, kind: 'draft' }], {}))).toEqual([undefined, 1]);
    expect(chooseVersions([], {})).toEqual({});
  });
});

describe('the comparison page', () => {
  const ctx: PageContext = { locale: 'zh-CN', t: translator('zh-CN'), mailbox: false, path: '/' };
  const version = (number: number, kind: string, body: string) => ({ number, kind, body, createdAt: new Date('2026-03-01T02:00:00Z') });
  const view = (bodies: string[]) =>
    ({
      report: { id: 'demo-2026/no1', seasonBranch: { name: '第一中学党支部' }, season: { timeZone: 'Asia/Shanghai' } },
      versions: bodies.map((body, i) => version(i + 1, i === 0 ? 'submission' : 'draft', body)),
    }) as unknown as ReportView;

  test('marks added words with <ins>, removed with <del>, says so in a key, and names the versions', () => {
    const shown = view([REPORT, REPORT.replace('预备党员12名', '预备党员15名<b>')]);
    const page = comparePage(ctx, shown, chooseVersions(shown.versions, {})).value;
    expect(page).toContain('<del>12</del><ins>15</ins>名');
    expect(page).toContain('&lt;b&gt;');
    expect(page).toContain('图例：<ins>加下划线</ins> 为新增的文字；<del>加删除线</del> 为删去的文字。');
    expect(page).toContain('第 1 版（提交稿） → 第 2 版（草稿）：共 2 处改动。');
    expect(page).toContain('<div class="diff-row diff-heading">一、主要工作</div>');
    expect(page).not.toContain('##');
  });

  test('in English, in English words and punctuation', () => {
    const en: PageContext = { ...ctx, locale: 'en', t: translator('en') };
    const shown = view([REPORT, REPORT.replace('预备党员12名', '预备党员15名')]);
    const page = comparePage(en, shown, chooseVersions(shown.versions, {})).value;
    expect(page).toContain('Key: <ins>underlined</ins> marks words added; <del>struck through</del> marks words removed.');
    expect(page).toContain('Version 1 (submission) → Version 2 (draft): Changes: 1.');
  });

  test('two selects and a button choose any two versions without script', () => {
    const shown = view([REPORT, REPORT, REPORT]);
    const page = comparePage(ctx, shown, chooseVersions(shown.versions, { from: '2', to: '3' })).value;
    expect(page).toMatch(/<form method="get" action="\/reports\/demo-2026%2Fno1\/diff"/);
    expect(page).toMatch(/<select name="from"[^>]*>.*<option value="2" selected>第 2 版 · 草稿 · 2026-03-01 10:00<\/option>/s);
    expect(page).toMatch(/<select name="to"[^>]*>.*<option value="3" selected>/s);
    expect(page).toContain('两个版本的内容相同。');
  });

  test('a single version says there is nothing to compare yet; none, that there is nothing', () => {
    const shown = view([REPORT]);
    expect(comparePage(ctx, shown, chooseVersions(shown.versions, {})).value).toContain('目前只有一个版本，还没有可对比的内容。');
    expect(comparePage(ctx, view([]), {}).value).toContain('暂无内容。');
  });
});
