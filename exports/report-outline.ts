// A report's text as an outline: headings (Markdown #, or the skeleton's 一、 and （一） numbering)
// and paragraphs, so the Markdown and Word compilations lay it out the same way.

export type Block = { kind: 'heading'; level: 1 | 2 | 3; text: string } | { kind: 'paragraph'; text: string };

const FIRST_LEVEL = /^[一二三四五六七八九十]+、/;
// A （一） line is a heading only when short and not a sentence: reports often run the theme and its
// text together on one line ("（一）强化政治引领。全年……"), and that is a paragraph.
const SECOND_LEVEL = /^（[一二三四五六七八九十]+）[^。；！？]{1,30}$/;

export function outline(body: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const [, hashes, heading] = /^(#{1,6})\s+(.*)$/.exec(line) ?? [];
    if (hashes && heading !== undefined) {
      blocks.push({ kind: 'heading', level: Math.min(3, hashes.length) as 1 | 2 | 3, text: heading.trim() });
    } else if (FIRST_LEVEL.test(line) && line.length <= 40) {
      blocks.push({ kind: 'heading', level: 2, text: line });
    } else if (SECOND_LEVEL.test(line)) {
      blocks.push({ kind: 'heading', level: 3, text: line });
    } else {
      blocks.push({ kind: 'paragraph', text: line });
    }
  }
  return blocks;
}
