import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

// README is the quick start and the map (issue #22): short, readable lines, and every link it or a
// docs page holds leads somewhere that exists.
const root = resolve(__dirname, '../..');
const readme = join(root, 'README.md');
const pages = [
  readme,
  join(root, 'bench/README.md'),
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(root, 'docs', f)),
];

function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const line of markdown.split('\n')) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading?.[1]) anchors.add(githubSlug(heading[1]));
  }
  return anchors;
}

// GitHub's anchor for a heading: lower case, punctuation dropped, spaces become hyphens.
function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function relativeLinks(markdown: string): string[] {
  const links = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '');
  return links.filter((link) => !/^[a-z]+:/i.test(link));
}

describe('the documentation', () => {
  it('keeps README under 150 lines, each under 100 characters', () => {
    const lines = readFileSync(readme, 'utf8').trimEnd().split('\n');
    expect(lines.length).toBeLessThan(150);
    expect(lines.filter((line) => line.length >= 100)).toEqual([]);
  });

  it.each(pages.map((page) => [page.slice(root.length + 1), page]))('%s names only source files that exist', (_name, page) => {
    const named = [...readFileSync(page, 'utf8').matchAll(/`((?:[a-z-]+\/)+[\w.-]+\.(?:ts|cjs|mjs|js))`/g)].map((m) => m[1] ?? '');
    expect(named.filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });

  it.each(pages.map((page) => [page.slice(root.length + 1), page]))('%s links only to files and headings that exist', (_name, page) => {
    const markdown = readFileSync(page, 'utf8');
    const broken: string[] = [];
    for (const link of relativeLinks(markdown)) {
      const [path = '', anchor] = link.split('#');
      const target = path === '' ? page : resolve(dirname(page), decodeURIComponent(path));
      if (!existsSync(target)) broken.push(link);
      else if (anchor && target.endsWith('.md') && !headingAnchors(readFileSync(target, 'utf8')).has(anchor)) broken.push(link);
    }
    expect(broken).toEqual([]);
  });
});
