// The season file's format, shown under `season validate --help` and `season create --help`: a
// short example, what each field means, and how durations are written.
import type { Locale } from '../domain/vocabulary';

const EXAMPLE = `  id: demo-2027
  title: 2027年度基层党组织书记抓党建工作述职评议
  year: 2027
  timeZone: Asia/Shanghai
  dueDate: 2028-01-15
  schedule:
    remindersBeforeDue: [7d, 3d, 1d]
    escalateToLiaisonAfter: 1d
    escalateToPartyGroupSecretaryAfter: 3d
    digestEvery: 7d
    revisionPeriod: 7d
    reviewSla: 5d
    reviewReminderBeforeSla: 1d
  template:
    sections: [一、主要工作, 二、存在的主要问题及原因, 三、下步工作思路和主要措施]
  people:
    - { email: zuzhi@bureau.example, name: 王组织 }
    - { email: dangzu.shuji@bureau.example, name: 李书记 }
    - { email: shuji.jiguan@bureau.example, name: 孙书记 }
  admins: [zuzhi@bureau.example]
  leaders: [dangzu.shuji@bureau.example]
  partyGroupSecretary: dangzu.shuji@bureau.example
  organization:
    id: edu-bureau
    name: 区教育和体育局党组
    branches:
      - { id: bureau-office, name: 局机关党支部, secretary: shuji.jiguan@bureau.example, reviewer: zuzhi@bureau.example }`;

const ZH = `
季度文件（YAML；UTF-8 最好，GBK 等编码也能读，会提示）示例：

${EXAMPLE}

各字段：
  id                  季度编号：小写字母、数字、连字符
  title, year         名称和年度（年度与截止日期相符）
  timeZone            时区，默认 Asia/Shanghai；所有时间都按它显示
  dueDate             截止日期 YYYY-MM-DD（当天 24 时止），或 2028-01-15T18:00+08:00
  schedule            均可省略（上例即默认值）：截止前提醒、逾期后告知联系领导和党组书记、
                      逾期后重复提醒的间隔、退回后的修改期、审阅时限及其提醒；
                      minimumNoticeGap：同一人同一报告两次通知的最小间隔，默认 1h
  template.sections   报告必需的部分（不可重复、不可为空）；maxCharacters 字数上限，默认 20000
  people              人员 {email, name, locale}；或 peopleCsv: people.csv（email,name,locale）
  admins, leaders     管理员、党组领导（邮箱列表）；partyGroupSecretary 党组书记
  organization        上级组织及其支部 {id, name, secretary, liaison, reviewer}；
                      或 branchesCsv: branches.csv（id,name,secretary,liaison,reviewer）
  leadersMayApproveUnreviewed  true 时党组领导可说明理由审批未经审阅的报告（默认 false）

时长的写法：整数加单位 d（天）、h（小时）、m（分钟）、s（秒），如 7d、12h、30m、45s；必须大于 0。`;

const EN = `
The season file (YAML; UTF-8 is best, GBK and other encodings are read with a notice), for example:

${EXAMPLE}

Fields:
  id                  the season's id: lower-case letters, digits, dashes
  title, year         its title and year (the year matches the due date)
  timeZone            default Asia/Shanghai; every time is shown in it
  dueDate             YYYY-MM-DD (the end of that day), or 2028-01-15T18:00+08:00
  schedule            all optional (the example shows the defaults): reminders before the due date,
                      escalations to the liaison and the Party group secretary, how often an overdue
                      report is chased, the revision period, the review SLA and its reminder;
                      minimumNoticeGap: the least time between two notices to one person about one report, default 1h
  template.sections   the sections a report must have (distinct, not blank); maxCharacters, default 20000
  people              people {email, name, locale}; or peopleCsv: people.csv (email,name,locale)
  admins, leaders     admins and leadership (lists of emails); partyGroupSecretary
  organization        the organization and its branches {id, name, secretary, liaison, reviewer};
                      or branchesCsv: branches.csv (id,name,secretary,liaison,reviewer)
  leadersMayApproveUnreviewed  true lets leadership approve a report that has not passed review, with a reason (default false)

Durations: a whole number and a unit, d (days), h (hours), m (minutes) or s (seconds), such as
7d, 12h, 30m, 45s; always more than 0.`;

export const seasonFileHelp = (locale: Locale): string => (locale === 'en' ? EN : ZH);
