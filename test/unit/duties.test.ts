// Separation of duties: who approves a branch's report, and whose own report it is.
import { approversFor, isOwnReport, leadership } from '../../domain/duties';

describe('separation of duties', () => {
  test("leadership is the season's leaders and its Party group secretary, each once whatever the case of the address", () => {
    expect(leadership(['li@bureau.example', 'zhao@bureau.example'], 'pgs@bureau.example')).toEqual([
      'li@bureau.example',
      'zhao@bureau.example',
      'pgs@bureau.example',
    ]);
    expect(leadership(['li@bureau.example', 'Li@Bureau.example'], 'LI@bureau.example')).toEqual(['li@bureau.example']);
    expect(leadership(['li@bureau.example'])).toEqual(['li@bureau.example']);
  });

  test("asking who leads does not hand out the season's own list", () => {
    const leaders = ['li@bureau.example'];
    leadership(leaders).push('intruder@elsewhere.example');
    expect(leaders).toEqual(['li@bureau.example']);
  });

  test("a leader who is a branch's secretary does not approve that branch's report; the others do", () => {
    expect(approversFor('Li@Bureau.example', ['li@bureau.example', 'zhao@bureau.example'], 'pgs@bureau.example')).toEqual([
      'zhao@bureau.example',
      'pgs@bureau.example',
    ]);
    expect(approversFor('school@school.example', ['li@bureau.example'])).toEqual(['li@bureau.example']);
  });

  test('a report is your own when you are its secretary, or act on her behalf', () => {
    expect(isOwnReport('sec@school.example', { email: 'SEC@school.example' })).toBe(true);
    expect(isOwnReport('sec@school.example', { email: 'leader@bureau.example', onBehalfOf: 'Sec@School.example' })).toBe(true);
    expect(isOwnReport('sec@school.example', { email: 'leader@bureau.example' })).toBe(false);
    expect(isOwnReport('sec@school.example', { email: 'deputy@bureau.example', onBehalfOf: 'leader@bureau.example' })).toBe(false);
  });

  test('an empty address is nobody: it matches no secretary and no leader', () => {
    expect(isOwnReport('', { email: '' })).toBe(false);
    expect(isOwnReport('', { email: 'x@bureau.example', onBehalfOf: '' })).toBe(false);
    expect(approversFor('', ['', 'li@bureau.example'])).toEqual(['li@bureau.example']);
  });
});
