// A part of `shuzhi doctor` that Temporal does not answer becomes a warning to look again: seen in
// CI, describing the worker builds took over 5 s while a worker was making its build current, and
// doctor crashed with nothing printed.
import { orWarning, type DoctorFinding } from '../../app/doctor';
import { words } from '../../domain/words';

const part = words('worker 构建', 'worker builds');

test('a part Temporal does not answer in time is a warning naming the reason and what to do', async () => {
  const deadline = Object.assign(new Error('4 DEADLINE_EXCEEDED: context deadline exceeded'), { code: 4 });
  const [finding] = await orWarning(part, () => Promise.reject(deadline));
  expect(finding).toEqual({
    part,
    status: 'warning',
    found: words(
      'Temporal 没有回答：4 DEADLINE_EXCEEDED: context deadline exceeded',
      'Temporal gave no answer: 4 DEADLINE_EXCEEDED: context deadline exceeded',
    ),
    fix: expect.objectContaining({ en: expect.stringContaining('run shuzhi doctor again') }),
  });
});

test('a part that answers keeps its own findings', async () => {
  const found: DoctorFinding[] = [{ part, status: 'problem', found: words('a', 'a'), fix: words('b', 'b') }];
  expect(await orWarning(part, async () => found)).toBe(found);
});
