// Durations as season files write them: 7d, 12h, 30m, 45s. Workflow-safe.
const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;
export const DAY_MS = UNIT_MS.d;
export const HOUR_MS = UNIT_MS.h;
export const MINUTE_MS = UNIT_MS.m;
export const DURATION_PATTERN = /^(\d+)(d|h|m|s)$/;

export function durationMs(text: string): number {
  const match = DURATION_PATTERN.exec(text);
  if (!match) throw new Error(`not a duration: "${text}" (use e.g. 7d, 12h, 30m, 45s)`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** 0d, 00h, 0s: a well-formed duration of nothing, which no schedule may use (a timer at once, again and again). */
export const isZeroDuration = (text: string): boolean => /^0+(d|h|m|s)$/.test(text);
