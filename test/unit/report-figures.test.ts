// Which figure a sentence of a branch secretary's report states, and which it only seems to: the
// noun that names a figure, the dues summed up after a clause about dues, the sums and head counts
// that are no figure at all, and how far back the reading looks.
import { extractFigures } from '../../domain/report-figures';

describe('the noun that names a figure', () => {
  test('two figures joined by 和 each keep their own noun, the one right after them', () => {
    expect(extractFigures('4名发展对象和1名预备党员如期转正')).toEqual({ developmentTargets: 4, membersConfirmed: 1 });
    expect(extractFigures('356名在职党员和87名退休党员')).toEqual({ inServiceMembers: 356, retiredMembers: 87 });
    expect(extractFigures('356名在职党员与12名入党积极分子结对')).toEqual({ inServiceMembers: 356, activistsTrained: 12 });
    expect(extractFigures('从10名入党积极分子中确定2名发展对象')).toEqual({ activistsTrained: 10, developmentTargets: 2 });
  });

  test('a noun further on in the clause does not name the figure', () => {
    // The activists may become members one day: 4 is no recruitment.
    expect(extractFigures('4名入党积极分子经培养考察后可发展为预备党员')).toEqual({ activistsTrained: 4 });
    // Five members visited in hospital are not the branch's members in service.
    expect(extractFigures('走访慰问5名生病住院的在职党员')).toEqual({});
    // Money paid out of the dues is not the dues collected.
    expect(extractFigures('慰问困难党员发放慰问金3,600元由党费列支')).toEqual({});
  });

  test('the words after a bracket do not name the figure before it', () => {
    expect(extractFigures('表彰优秀党员3名（其中1名被吸收为预备党员）')).toEqual({ probationaryMembersRecruited: 1 });
  });

  test('an activist (积极分子) is counted with or without 入党 before it', () => {
    expect(extractFigures('新确定5名积极分子')).toEqual({ activistsTrained: 5 });
  });

  test('the noun nearest the figure names it, not an earlier one in the clause', () => {
    expect(extractFigures('从入党积极分子中确定发展对象5名')).toEqual({ developmentTargets: 5 });
    expect(extractFigures('从入党积极分子中发展党员3名')).toEqual({ probationaryMembersRecruited: 3 });
  });

  test('dues stated after the sum are the dues: 52,360元党费', () => {
    expect(extractFigures('全年共收缴52,360元党费')).toEqual({ duesCollectedYuan: 52_360 });
  });
});

describe('members recruited, the verb before the figure and the noun after it', () => {
  test('发展3名党员 is a recruitment, with or without 新 or 预备 before 党员', () => {
    expect(extractFigures('全年发展3名党员')).toEqual({ probationaryMembersRecruited: 3 });
  });

  test('a space between the verb and the figure changes nothing', () => {
    expect(extractFigures('全年发展 3 名预备党员')).toEqual({ probationaryMembersRecruited: 3 });
  });

  test('the verb must come right before the figure: probationary members examined are not recruited', () => {
    expect(extractFigures('按发展程序对3名预备党员进行考察')).toEqual({});
  });

  test('an average per Party group is no head count', () => {
    expect(extractFigures('各党小组平均发展党员1.5名')).toEqual({});
  });
});

describe('the dues collected', () => {
  test('a sum far behind the word 党费 is something else bought with the dues', () => {
    expect(extractFigures('用党费为困难党员和老党员购买慰问品支出3,600元')).toEqual({});
  });

  test('a number of people who paid their dues late is no sum in yuan', () => {
    expect(extractFigures('督促补缴党费3人')).toEqual({});
  });

  test('党费 in the clause before does not make a sum of another kind the dues', () => {
    expect(extractFigures('按时收缴党费，上级下拨活动经费5,000元')).toEqual({});
  });

  test('a total after a clause about dues is the dues, however it is introduced', () => {
    expect(extractFigures('党费按时足额收缴，全年共计52,360元')).toEqual({ duesCollectedYuan: 52_360 });
    expect(extractFigures('党费按时足额收缴，共计 52,360 元')).toEqual({ duesCollectedYuan: 52_360 });
    expect(extractFigures('党费按时足额收缴，共计5.236万元')).toEqual({ duesCollectedYuan: 52_360 });
  });

  test('a sum after a clause about dues is not the dues when its own clause names what it is', () => {
    expect(extractFigures('党费收缴正常，活动经费1,200元')).toEqual({});
  });

  test('a total is the dues only when the same sentence speaks of dues', () => {
    expect(extractFigures('党费按时足额收缴。开展主题党日活动，共计1,200元。')).toEqual({});
  });

  test('a total of people after a clause about dues is no sum', () => {
    expect(extractFigures('全支部党员按时足额缴纳党费，共42人')).toEqual({});
  });

  test('a plan in a later sentence does not undo the dues stated before it', () => {
    expect(extractFigures('党费按时足额收缴，共计52,360元。下步计划继续规范党费收缴。')).toEqual({ duesCollectedYuan: 52_360 });
  });

  test('an approximate sum (两三千元) is no figure at all, not a figure without a value', () => {
    expect(Object.keys(extractFigures('党费收入两三千元'))).toEqual([]);
    expect(Object.keys(extractFigures('党费按时足额收缴，全年两三千元'))).toEqual([]);
  });

  test('a run of digits too long to be any sum is no figure', () => {
    expect(extractFigures(`党费${'9'.repeat(400)}元`)).toEqual({});
  });
});

describe('how far back a figure is read', () => {
  // Long enough that the word 党费 at its start is more than 160 characters before the total.
  const runOn = '支部坚持三会一课制度，认真组织主题党日活动，'.repeat(8);

  test('a sentence that runs on past 160 characters is not searched back to its start', () => {
    expect(extractFigures(`党费按时足额收缴，${runOn}共计52,360元`)).toEqual({});
  });

  test('a clause end exactly 160 characters before the figure still ends its clause', () => {
    // The sum pushed to the right of its line with full-width spaces, as in a form.
    const aligned = '\u3000'.repeat(159);
    expect(extractFigures(`党费按时足额收缴，${aligned}52,360元`)).toEqual({ duesCollectedYuan: 52_360 });
  });
});
