// The form to schedule a meeting, read as a meeting file: each problem named by its label on the
// form (its row, not its place among the rows filled in) and said in words a person reads.
import { meetingFromForm } from '../../web/meeting-form-input';
import { translator } from '../../web/i18n';

const t = translator('zh-CN');
const base = { title: '述职评议大会', closesAt: '2026-12-30T17:00', reporter: ['office'] };
const problemsOf = (form: Record<string, string | string[]>) =>
  meetingFromForm('demo-2026', { ...base, ...form }, t).problems.map((p) => `${p.label}：${p.message['zh-CN']}`);

describe('the meeting form', () => {
  test('a filled form is a meeting file, its id from the title and the closing time', () => {
    const form = { 'group-name-0': '党代表', 'group-weight-0': '40', 'group-ballots-0': '6' };
    const { meeting } = meetingFromForm('demo-2026', { ...base, ...form }, t);
    expect(meeting).toMatchObject({ season: 'demo-2026', reporters: ['office'], groups: [{ id: 'group-1', name: '党代表', weight: 40, ballots: 6 }] });
    expect(meetingFromForm('demo-2026', { ...base, ...form, 'group-ballots-0': '7' }, t).meeting?.id).toBe(meeting?.id);
    expect(meetingFromForm('demo-2026', { ...base, ...form, title: '另一次' }, t).meeting?.id).not.toBe(meeting?.id);
  });

  test('a weight that is not a number, too many ballots and a wrong email are named by row and field, in Chinese', () => {
    expect(
      problemsOf({
        'group-name-0': '党组成员',
        'group-weight-0': '60',
        'group-evaluators-0': 'dangzu.shuji@bureau.example\nnot-an-email',
        'group-name-2': '党代表',
        'group-weight-2': '0x10',
        'group-ballots-2': '2000',
      }),
    ).toEqual([
      '评议组 1 · 或评议人邮箱（每行一个）：“not-an-email”不是有效的邮箱地址。',
      '评议组 3 · 权重：请填写整数，如 40。',
      '评议组 3 · 匿名选票张数：不能大于 1000。',
    ]);
  });

  test('no reporter ticked and no group given are said before anything else', () => {
    expect(problemsOf({ reporter: [] })).toEqual(['述职人：请至少勾选一位述职人。', '评议组：请至少填写一个评议组。']);
  });
});
