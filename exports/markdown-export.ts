import { formatInZone } from '../domain/time';
import { outline } from './report-outline';
import { reportCount, type SeasonExportData } from './season-data';

/**
 * A report's words as Markdown text and nothing else: markup (<script>, an <img> that calls home)
 * and link or image syntax are shown as typed, not run or loaded by whatever renders the file.
 */
export function asText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|]/g, (mark) => `\\${mark}`);
}

/** All approved reports in one Markdown document, a section per branch. */
export function seasonMarkdown(data: SeasonExportData, generatedAt = new Date()): string {
  const lines = [
    `# ${asText(data.title)}`,
    '',
    `述职报告汇编 · 共 ${reportCount(data)} 篇 · 生成于 ${formatInZone(generatedAt, data.timeZone)}（${data.timeZone}）`,
    '',
    '## 目录',
    '',
    ...data.approved.map((r, i) => `${i + 1}. ${asText(r.branchName)}`),
    // Each level below by its branch, as compiled after this season's own reports.
    ...data.children.map(
      (child, i) => `${data.approved.length + i + 1}. ${asText(child.branchName)}：${asText(child.data.title)}（${reportCount(child.data)} 篇）`,
    ),
    '',
  ];
  for (const report of data.approved) {
    lines.push(
      `## ${asText(report.branchName)}`,
      '',
      `> 书记：${asText(report.secretaryName)} · 评价等次：${report.rating ?? '—'}${report.finalGrade ? ` · 综合评价：${report.finalGrade}` : ''}${report.approvedAt ? ` · 批准：${formatInZone(report.approvedAt, data.timeZone)}（${data.timeZone}）` : ''}`,
      '',
    );
    for (const block of outline(report.body)) {
      // Each report's own title is already the section heading; its parts nest below it.
      if (block.kind === 'heading' && block.level === 1) continue;
      lines.push(block.kind === 'heading' ? `${'#'.repeat(block.level + 1)} ${asText(block.text)}` : asText(block.text), '');
    }
  }
  for (const child of data.children) {
    // A level below, compiled after this season's own reports, its headings one level deeper.
    const compiled = seasonMarkdown(child.data, generatedAt)
      .split('\n')
      .map((line) => (line.startsWith('#') ? `#${line}` : line));
    lines.push(`## ${asText(child.branchName)}：${asText(child.data.title)}`, '', ...compiled.slice(1));
  }
  return lines.join('\n');
}
