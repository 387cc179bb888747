// The season file's schema on its own: what a file may leave out (and gets by default), and what
// each field refuses, in the words `season validate` prints.
import { branchSchema, personSchema, seasonFileSchema } from '../../domain/season-file';

const minimal = {
  id: 'demo-2026',
  title: '2026年度述职评议',
  year: 2026,
  dueDate: '2026-12-31',
  admins: ['zuzhi@bureau.example'],
  leaders: ['dangzu.shuji@bureau.example'],
  partyGroupSecretary: 'dangzu.shuji@bureau.example',
  organization: { id: 'edu-bureau', name: '区教育和体育局党组' },
};

/** Each refused field with its message. */
const refusals = (file: unknown) => seasonFileSchema.safeParse(file).error?.issues.map((issue) => [issue.path.join('.'), issue.message]) ?? [];

describe('the season file schema', () => {
  test('a file with only what it must say gets the usual schedule, template, zone and no one else', () => {
    expect(seasonFileSchema.parse(minimal)).toEqual({
      ...minimal,
      timeZone: 'Asia/Shanghai',
      schedule: {
        remindersBeforeDue: ['7d', '3d', '1d'],
        escalateToLiaisonAfter: '1d',
        escalateToPartyGroupSecretaryAfter: '3d',
        digestEvery: '7d',
        revisionPeriod: '7d',
        reviewSla: '5d',
        reviewReminderBeforeSla: '1d',
        minimumNoticeGap: '1h',
      },
      template: { sections: ['一、主要工作', '二、存在的主要问题及原因', '三、下步工作思路和主要措施'], maxCharacters: 20000 },
      people: [],
      organization: { ...minimal.organization, branches: [] },
    });
  });

  test('a person writes in Chinese unless the file says English', () => {
    expect(personSchema.parse({ email: 'a@school.example', name: '周书记' }).locale).toBe('zh-CN');
    expect(personSchema.parse({ email: 'a@school.example', name: 'Zhou', locale: 'en' }).locale).toBe('en');
  });

  test('ids are lower-case letters, digits and dashes, starting with a letter or digit', () => {
    expect(refusals({ ...minimal, id: 'Demo-2026' })).toEqual([['id', 'must be lower-case letters, digits and dashes']]);
    expect(refusals({ ...minimal, organization: { id: 'edu_bureau', name: 'x' } })).toEqual([
      ['organization.id', 'must be lower-case letters, digits and dashes'],
    ]);
    expect(branchSchema.safeParse({ id: '-school', name: 'x', secretary: 's@school.example' }).error?.issues[0]?.message).toBe(
      'must be lower-case letters, digits and dashes',
    );
    expect(branchSchema.safeParse({ id: 'no1-school', name: 'x', secretary: 's@school.example' }).success).toBe(true);
    expect(branchSchema.safeParse({ id: 'no1-school!', name: 'x', secretary: 's@school.example' }).success).toBe(false);
  });

  test('a year is a whole number from 2000 to 2100', () => {
    for (const year of [1999, 2101, 2026.5, '2026']) expect(refusals({ ...minimal, year })).toEqual([['year', 'must be a year such as 2026']]);
    for (const year of [2000, 2100]) expect(refusals({ ...minimal, year })).toEqual([]);
  });

  test('a due date is a day or a date-time with its offset', () => {
    for (const dueDate of ['2026-12-31', '2026-12-31T18:00+08:00', '2026-12-31T18:00:30Z', '2026-12-31T18:00:30.5-05:00', '2026-12-31T18:00:30.125+08:00'])
      expect(refusals({ ...minimal, dueDate })).toEqual([]);
    for (const dueDate of ['2026-1-1', '31.12.2026', '2026-12-31T18:00', ' 2026-12-31', '2026-12-31x']) {
      expect(refusals({ ...minimal, dueDate })).toEqual([['dueDate', 'must be a date YYYY-MM-DD (or a date-time such as 2026-12-31T18:00+08:00)']]);
    }
  });

  test('no duration of the schedule is zero, however it is written', () => {
    expect(refusals({ ...minimal, schedule: { digestEvery: '0s', reviewSla: '00d', remindersBeforeDue: ['7d', '0h'], minimumNoticeGap: '0m' } })).toEqual([
      ['schedule.remindersBeforeDue.1', 'must be longer than 0'],
      ['schedule.digestEvery', 'must be longer than 0'],
      ['schedule.reviewSla', 'must be longer than 0'],
      ['schedule.minimumNoticeGap', 'must be longer than 0'],
    ]);
    expect(refusals({ ...minimal, schedule: { digestEvery: '1s', revisionPeriod: '10d' } })).toEqual([]);
  });

  test('names, titles and sections are not blank, and lose the spaces around them', () => {
    expect(refusals({ ...minimal, title: '   ', template: { sections: ['一、主要工作', ' \t '] } })).toEqual([
      ['title', 'must not be blank'],
      ['template.sections.1', 'must not be blank'],
    ]);
    expect(seasonFileSchema.parse({ ...minimal, template: { sections: [' 一、主要工作 '] } }).template.sections).toEqual(['一、主要工作']);
  });

  test('every duration of the schedule is a number and d, h, m or s', () => {
    expect(refusals({ ...minimal, schedule: { digestEvery: '1w', remindersBeforeDue: ['7d', '2 days'] } })).toEqual([
      ['schedule.remindersBeforeDue.1', 'must be a duration such as 7d, 12h, 30m or 45s'],
      ['schedule.digestEvery', 'must be a duration such as 7d, 12h, 30m or 45s'],
    ]);
  });

  test('a season needs an admin and a leader, a title, sections with names and a positive length limit', () => {
    const fields = (file: unknown) => refusals(file).map(([field]) => field);
    expect(refusals({ ...minimal, admins: [], leaders: [] })).toEqual([
      ['admins', 'at least one admin'],
      ['leaders', 'at least one leader'],
    ]);
    expect(fields({ ...minimal, title: '' })).toEqual(['title']);
    expect(fields({ ...minimal, template: { sections: [''], maxCharacters: 0 } })).toEqual(['template.sections.0', 'template.maxCharacters']);
    expect(fields({ ...minimal, template: { maxCharacters: 1.5 } })).toEqual(['template.maxCharacters']);
    expect(fields({ ...minimal, people: [{ email: 'a@school.example', name: '' }] })).toEqual(['people.0.name']);
    expect(fields({ ...minimal, organization: { id: 'edu', name: '' } })).toEqual(['organization.name']);
    expect(fields({ ...minimal, organization: { id: 'edu', name: 'x', branches: [{ id: 'a', name: '', secretary: 's@x.example' }] } })).toEqual([
      'organization.branches.0.name',
    ]);
    expect(fields({ ...minimal, peopleCsv: '' })).toEqual(['peopleCsv']);
    expect(fields({ ...minimal, organization: { id: 'edu', name: 'x', branchesCsv: '' } })).toEqual(['organization.branchesCsv']);
  });

  test('whether leaders may approve unreviewed reports is true or false, and unsaid means no', () => {
    expect(refusals({ ...minimal, leadersMayApproveUnreviewed: 'yes' })).toEqual([['leadersMayApproveUnreviewed', 'must be true or false']]);
    expect(seasonFileSchema.parse(minimal).leadersMayApproveUnreviewed).toBeUndefined();
  });

  test('a field the schema does not know is refused, not ignored', () => {
    expect(refusals({ ...minimal, dueDay: '2026-12-31' }).map(([field]) => field)).toEqual(['']);
    expect(refusals({ ...minimal, schedule: { reminders: ['7d'] } }).map(([field]) => field)).toEqual(['schedule']);
    expect(refusals({ ...minimal, template: { headings: [] } }).map(([field]) => field)).toEqual(['template']);
  });
});
