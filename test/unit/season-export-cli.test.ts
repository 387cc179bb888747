// `shuzhi season export --columns` takes zh (the default, for people) or en (for scripts); anything
// else is refused before the database is opened, naming the option and the choices.
import { runCli } from '../helpers/cli';

describe('season export --columns', () => {
  test('an unknown choice is refused in the user’s language, naming the option and what to write, and exits 1', async () => {
    const args = ['season', 'export', 'demo-2026', '--format', 'csv', '--out', '/dev/null', '--columns', 'english'];
    const zh = await runCli(args, { SHUZHI_LOCALE: 'zh-CN' });
    expect([zh.code, zh.stderr.trim()]).toEqual([1, expect.stringContaining('--columns english 无效：应为 zh 或 en。')]);
    const en = await runCli(args, { SHUZHI_LOCALE: 'en' });
    expect([en.code, en.stderr.trim()]).toEqual([1, expect.stringContaining('--columns english is not a choice: use zh or en.')]);
    expect(zh.stderr + en.stderr).not.toMatch(/^\s+at /m);
  });
});
