// What the bulk approval form asks for (issue #24, defect 7): a row's own rating wins over the
// rating for all; the rating for all fills only rows left without one; nothing is chosen by default.
import { approvalPlan, RATING_FOR_ALL, readyToApprove, rowRatingField } from '../../web/bulk-plan';

const A = 'demo-2026/bureau-office';
const B = 'demo-2026/no1-middle-school';

describe('the bulk approval plan', () => {
  test("a row's own rating wins over the rating for all, which fills the rest", () => {
    const plan = approvalPlan({ reportId: [A, B], [rowRatingField(B)]: '差', [RATING_FOR_ALL]: '好' });
    expect(plan.items).toEqual([
      { reportId: A, rating: '好' },
      { reportId: B, rating: '差' },
    ]);
  });

  test('with no rating for all, a row without its own has none (no default), and the plan is not ready', () => {
    const plan = approvalPlan({ reportId: [A, B], [rowRatingField(A)]: '较好', [RATING_FOR_ALL]: '' });
    expect(plan.items).toEqual([
      { reportId: A, rating: '较好' },
      { reportId: B, rating: undefined },
    ]);
    const named = plan.items.map((i) => ({ ...i, branchId: '', branchName: '', seasonTitle: '' }));
    expect(readyToApprove(named)).toBe(false);
    expect(readyToApprove(named.slice(0, 1))).toBe(true);
    expect(readyToApprove([])).toBe(false);
  });

  test('a word that is not a rating counts as none; a report ticked twice is planned once', () => {
    const plan = approvalPlan({ reportId: [A, A], [rowRatingField(A)]: 'excellent', comment: '' });
    expect(plan).toEqual({ items: [{ reportId: A, rating: undefined }], comment: undefined });
  });
});
