// A season of N branches for the benchmarks: one bureau, N branches, one secretary each, one reviewer for all.
import { DEFAULT_SCHEDULE, type SeasonFile } from '../domain/season-file';

/** The id of the generated season's i-th branch. */
export const branchIdOf = (i: number) => `b${String(i).padStart(6, '0')}`;

export function generatedSeason(branches: number): SeasonFile {
  const people = [
    { email: 'admin@bureau.example', name: '组织办', locale: 'zh-CN' as const },
    { email: 'pgs@bureau.example', name: '党组书记', locale: 'zh-CN' as const },
    { email: 'reviewer@bureau.example', name: '审阅人', locale: 'zh-CN' as const },
    ...Array.from({ length: branches }, (_, i) => ({ email: `sec${i}@school.example`, name: `书记${i}`, locale: 'zh-CN' as const })),
  ];
  return {
    id: 'bench',
    title: '基准测试季度',
    year: 2026,
    timeZone: 'Asia/Shanghai',
    // Soon: the reminder wave moves every report's due date to a moment a week out, and an extension
    // only moves a date later. Reminders that fall before the season starts are never sent.
    dueDate: new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10),
    schedule: { ...DEFAULT_SCHEDULE },
    template: { sections: ['一、主要工作'], maxCharacters: 20000 },
    people,
    admins: ['admin@bureau.example'],
    leaders: ['pgs@bureau.example'],
    partyGroupSecretary: 'pgs@bureau.example',
    organization: {
      id: 'bureau',
      name: '教体局党组',
      branches: Array.from({ length: branches }, (_, i) => ({
        id: branchIdOf(i),
        name: `第${i}支部`,
        secretary: `sec${i}@school.example`,
        reviewer: 'reviewer@bureau.example',
      })),
    },
  };
}
