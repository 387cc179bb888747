// Every word a person reads for the cycle — a report's state, an act of the record (台账), a role, where a
// request came from, a step of the indicator, where a report had got to at the close, a kind of
// version — exists in both of the app's languages: never empty, the Chinese in Chinese, the English in
// English, and no two things of a kind called alike (a reader could not tell them apart).
import {
  CHANNEL_NAMES,
  CHANNELS,
  CLOSED_OUTCOME_NAMES,
  CLOSED_OUTCOMES,
  EVENT_NAMES,
  LOCALES,
  REPORT_STATES,
  REPORT_STEPS,
  ROLE_NAMES,
  ROLES,
  STATE_NAMES,
  STEP_NAMES,
  VERSION_KIND_NAMES,
  type Locale,
  type Named,
} from '../../domain/vocabulary';
import { person } from '../../web/people';

const WRITTEN_IN: Record<Locale, RegExp> = {
  'zh-CN': /^\p{Script=Han}+$/u,
  en: /^[A-Za-z]+(?:,? [A-Za-z]+)*$/,
};

/** What is named, the things of that kind the app knows, and their names. */
const KINDS: { kind: string; kinds: string; things: readonly string[]; names: Partial<Record<string, Named>> }[] = [
  { kind: 'state', kinds: 'states', things: REPORT_STATES, names: STATE_NAMES },
  { kind: 'recorded act', kinds: 'recorded acts', things: Object.keys(EVENT_NAMES), names: EVENT_NAMES },
  { kind: 'role', kinds: 'roles', things: ROLES, names: ROLE_NAMES },
  { kind: 'channel', kinds: 'channels', things: CHANNELS, names: CHANNEL_NAMES },
  { kind: 'step', kinds: 'steps', things: REPORT_STEPS, names: STEP_NAMES },
  { kind: 'outcome at the close', kinds: 'outcomes at the close', things: CLOSED_OUTCOMES, names: CLOSED_OUTCOME_NAMES },
  { kind: 'kind of version', kinds: 'kinds of version', things: ['draft', 'submission'], names: VERSION_KIND_NAMES },
];

describe('names in both languages', () => {
  test.each(KINDS)('every $kind has a name in Chinese characters and one in English words, none empty', ({ things, names }) => {
    expect(things.length).toBeGreaterThan(1);
    for (const thing of things) {
      for (const locale of LOCALES) {
        expect({ thing, locale, name: names[thing]?.[locale] }).toEqual({ thing, locale, name: expect.stringMatching(WRITTEN_IN[locale]) });
      }
    }
  });

  test.each(KINDS)('no two $kinds are called alike in either language', ({ things, names }) => {
    for (const locale of LOCALES) {
      const called = things.map((thing) => names[thing]?.[locale]);
      expect({ locale, distinct: new Set(called).size }).toEqual({ locale, distinct: things.length });
    }
  });

  test("escalations to the season's admins name them as the admin role is named: 组织办, the organization office", () => {
    expect(ROLE_NAMES.admins).toEqual(ROLE_NAMES.admin);
    expect(ROLE_NAMES.admins).toEqual({ 'zh-CN': '组织办', en: 'organization office' });
  });

  test('what the workflow did by itself is shown as done by 系统, in English by the system', () => {
    const nameOf = (email: string) => email;
    expect(person(nameOf, 'system', 'zh-CN').toString()).toBe('<span class="person">系统</span>');
    expect(person(nameOf, 'system', 'en').toString()).toBe('<span class="person">system</span>');
  });
});
