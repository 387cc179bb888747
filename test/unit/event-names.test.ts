// Every act the record keeps has a name in both languages (domain/vocabulary.ts EVENT_NAMES), so no
// page shows `report.assigned`: the actions are read from the code that records them, and a new
// one without a name fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../config/env';
import { EVENT_NAMES, eventName, ROLE_NAMES, STEP_NAMES, VERSION_KIND_NAMES } from '../../domain/vocabulary';

/** The actions written in the code that records acts, with the two that are built from a request. */
function recordedActions(): string[] {
  const found = new Set<string>(['report.liaison_changed', 'report.reviewer_changed', 'report.exempted', 'report.withdrawn']);
  for (const folder of ['workflows', 'activities', 'app', 'db']) {
    for (const file of readdirSync(join(PROJECT_ROOT, folder)).filter((name) => name.endsWith('.ts'))) {
      for (const match of readFileSync(join(PROJECT_ROOT, folder, file), 'utf8').matchAll(/'((?:report|season|evaluation|rectification)\.[a-z_]+)'/g))
        found.add(match[1] as string);
    }
  }
  return [...found].sort();
}

describe("the record's acts in words", () => {
  test('every action the code records is named, in Chinese without a Latin letter, and in English', () => {
    const actions = recordedActions();
    expect(actions.length).toBeGreaterThan(20);
    for (const action of actions) {
      expect({ action, named: EVENT_NAMES[action] }).toEqual({ action, named: { 'zh-CN': expect.stringMatching(/^[^A-Za-z]+$/), en: expect.any(String) } });
    }
  });

  test('an act is named in the reader’s language; one the app does not know is shown as recorded', () => {
    expect(eventName('report.revision_requested', 'zh-CN')).toBe('退回修改');
    expect(eventName('report.revision_requested', 'en')).toBe('sent back for revision');
    expect(eventName('report.archived', 'zh-CN')).toBe('report.archived');
  });

  test('versions, roles and the four steps have their words too', () => {
    expect([VERSION_KIND_NAMES.draft?.['zh-CN'], VERSION_KIND_NAMES.submission?.['zh-CN']]).toEqual(['草稿', '提交稿']);
    expect(ROLE_NAMES.admins['zh-CN']).toBe('组织办');
    expect(Object.values(STEP_NAMES).map((n) => n['zh-CN'])).toEqual(['撰写', '组织办审阅', '领导审批', '完成']);
  });
});
