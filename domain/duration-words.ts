// A span of time as a person reads it: the real interval, cut down to the minute, never rounded
// up ("1小时" five minutes before a deadline would be a lie). Workflow-safe.
import type { Locale } from './vocabulary';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNITS: { ms: number; zh: string; en: string }[] = [
  { ms: DAY, zh: '天', en: 'day' },
  { ms: HOUR, zh: '小时', en: 'hour' },
  { ms: MINUTE, zh: '分钟', en: 'minute' },
];

/** "1天12小时", "2小时5分钟", "3分钟", "不到1分钟" / "1 day 12 hours", …: the largest two units, cut down. */
export function durationInWords(ms: number, locale: Locale): string {
  let left = Math.max(0, ms);
  const parts: string[] = [];
  for (const unit of UNITS) {
    const count = Math.floor(left / unit.ms);
    left -= count * unit.ms;
    // Two units say enough; a unit after a zero one would read oddly ("1天0小时5分钟").
    if (count > 0 && parts.length < 2) parts.push(locale === 'zh-CN' ? `${count}${unit.zh}` : `${count} ${unit.en}${count > 1 ? 's' : ''}`);
    else if (parts.length) break;
  }
  if (!parts.length) return locale === 'zh-CN' ? '不到1分钟' : 'less than a minute';
  return parts.join(locale === 'zh-CN' ? '' : ' ');
}
