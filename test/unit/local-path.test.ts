// After signing in or changing language the app sends people only to a path on this site.
import { localPath } from '../../web/local-path';

describe('a path to return to after signing in', () => {
  test.each(['/', '/reports/demo-2026/b01', '/queue?season=demo-2026', '/reports/x#comments', '/报告'])('%s is kept', (path) => {
    expect(localPath(path)).toBe(new URL(path, 'http://x.invalid').href.slice('http://x.invalid'.length));
  });

  test.each([
    ['another site', 'https://evil.example/phish'],
    ['a scheme-relative address', '//evil.example/phish'],
    ['a tab the browser drops', '/\t/evil.example/phish'],
    ['a newline that breaks the header', '/a\nSet-Cookie: x=1'],
    ['a backslash the browser reads as a slash', '/\\evil.example'],
    ['a script', 'javascript:alert(1)'],
    ['a relative path', 'reports/x'],
    ['a space', '/ /evil.example'],
    ['nothing', undefined],
    ['an array from a repeated parameter', ['/a', '/b']],
    ['a very long path', `/${'a'.repeat(3_000)}`],
  ])('%s goes to the home page instead', (_why, value) => {
    expect(localPath(value)).toBe('/');
  });
});
