// What `season validate` says about a season file, in Chinese and English: each message says what
// is wrong and what to write instead (the file, line and field are printed before it).
import { words, type Words } from '../domain/words';

// The example an office can see wherever the tool is installed (the repository's examples/ folder
// is not shipped to them): printed under the season commands' --help.
const EXAMPLE = 'shuzhi season validate --help';

/** Who a role is, for messages about people the file names. */
export const ROLE_WORDS = {
  admin: words('管理员', 'admin'),
  leader: words('领导', 'leader'),
  partyGroupSecretary: words('党组书记', 'Party group secretary'),
  secretary: words('书记', 'secretary'),
  liaison: words('联系人', 'liaison'),
  reviewer: words('审核人', 'reviewer'),
} satisfies Record<string, Words>;
export type Role = keyof typeof ROLE_WORDS;

/** What each duration of the schedule means, and a sensible value to suggest. */
const DURATION_MEANING: Record<string, { zh: string; en: string; example: string }> = {
  remindersBeforeDue: { zh: '截止前提醒的时间', en: 'a reminder before the due date', example: '7d' },
  escalateToLiaisonAfter: { zh: '逾期后告知联系人的时间', en: 'the time after the due date when the liaison is told', example: '1d' },
  escalateToPartyGroupSecretaryAfter: {
    zh: '逾期后告知党组书记的时间',
    en: 'the time after the due date when the Party group secretary is told',
    example: '3d',
  },
  digestEvery: { zh: '逾期后重复提醒的间隔', en: 'the interval of the repeated overdue notice', example: '7d' },
  revisionPeriod: { zh: '退回修改后给书记的修改期限', en: 'the time a secretary has to revise a returned report', example: '7d' },
  reviewSla: { zh: '审核时限', en: 'the time a reviewer has to review a report', example: '5d' },
  reviewReminderBeforeSla: { zh: '审核到期前提醒审核人的时间', en: 'how long before the review deadline the reviewer is reminded', example: '1d' },
  minimumNoticeGap: { zh: '同一人两次通知之间的最短间隔', en: 'the least time between two notices to one person', example: '1h' },
};
const meaningOf = (field: string) => DURATION_MEANING[field] ?? { zh: '时长', en: 'the duration', example: '1d' };

/** Where an earlier entry is: "line 10" in the same file, "people.csv:3" in another. */
export const earlierAt = (line: number, otherFile?: string): Words =>
  otherFile ? words(`${otherFile} 第 ${line} 行`, `${otherFile}:${line}`) : words(`第 ${line} 行`, `line ${line}`);

export const FILE_WORDS = {
  notFound: (path: string) => words(`找不到文件 ${path}：请检查路径和文件名。`, `file not found: ${path}; check the path and the file name.`),
  unreadable: (path: string, reason: string) =>
    words(`无法读取 ${path}（${reason}）：请确认它是一个文件，且有读取权限。`, `${path} cannot be read (${reason}): check that it is a file you may read.`),
  empty: () => words(`文件是空的：请按 ${EXAMPLE} 中的示例写季度文件。`, `the file is empty: write the season file as the example under ${EXAMPLE} shows.`),
  notAMapping: () =>
    words(
      `季度文件应由“字段: 值”组成（如 id: demo-2026），这里不是：请按 ${EXAMPLE} 中的示例写。`,
      `a season file is made of "field: value" lines (such as id: demo-2026), and this is not: write it as the example under ${EXAMPLE} shows.`,
    ),
  csvNotFound: (written: string) =>
    words(
      `找不到这里写的 CSV 文件 ${written}：请检查文件名（相对于季度文件所在的文件夹）。`,
      `CSV file not found: ${written}; check its name (relative to the season file's folder).`,
    ),
};

export const YAML_WORDS = {
  tab: () =>
    words('缩进里有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成空格。', 'indented with a tab: use spaces, not a tab (YAML indents with spaces only).'),
  unclosedQuote: (quote: string) =>
    words(
      `这一行开始的 ${quote} 引号没有结束：请在值的末尾补上 ${quote}，或去掉开头的 ${quote}。`,
      `the ${quote} quote opened on this line is never closed: add a closing ${quote} at the end of the value, or remove the opening one.`,
    ),
  unclosedFlow: (open: string, close: string) =>
    words(
      `这一行开始的 ${open} 没有对应的 ${close}：请在末尾补上 ${close}（写在同一行，或把后面的行缩进）。`,
      `the ${open} opened on this line is never closed: add the ${close} at its end (on the same line, or indent the lines that follow).`,
    ),
  duplicateKey: (key: string) => words(`${key} 在同一层写了两次：只保留一个。`, `${key} is written twice at the same level: keep one.`),
  layout: () =>
    words(
      '缩进或冒号不对：同一层的字段要左对齐，每个字段写成“名称: 值”（冒号后加空格）。',
      'the indentation or a colon is wrong: fields at one level start in the same column, each written "name: value" (a space after the colon).',
    ),
  other: (detail: string) =>
    words(
      `YAML 格式有误（${detail}）：请检查这一行的缩进、冒号和引号。`,
      `the YAML is malformed (${detail}): check this line's indentation, colons and quotes.`,
    ),
};

export const VALUE_WORDS = {
  required: (leaf: string) => words(`缺少必填项 ${leaf}：请补上（写法见 ${EXAMPLE}）。`, `${leaf} is required: add it (see ${EXAMPLE}).`),
  unknownField: (key: string, known: string[], suggestion?: string) =>
    words(
      `不认识的字段“${key}”：${suggestion ? `是不是 ${suggestion}？` : ''}请检查拼写；这里可以写的字段有 ${known.join('、')}。`,
      `unknown field "${key}": ${suggestion ? `did you mean ${suggestion}? ` : ''}check the spelling; the fields here are ${known.join(', ')}.`,
    ),
  unknownColumn: (key: string, known: string[], suggestion?: string) =>
    words(
      `不认识的列名“${key}”：${suggestion ? `是不是 ${suggestion}？` : ''}第一行（表头）只能用这些列名：${known.join('、')}。`,
      `unknown column "${key}": ${suggestion ? `did you mean ${suggestion}? ` : ''}the first line (the header) may name only ${known.join(', ')}.`,
    ),
  wrongType: (expected: string, shown: Words) => {
    const kinds: Record<string, [string, string, string, string]> = {
      string: ['文本', 'text', '纯数字或 true/false 请加引号，如 "2026"', 'put digits or true/false in quotes, e.g. "2026"'],
      number: ['数字', 'a number', '如 20000，不加引号', 'e.g. 20000, without quotes'],
      int: ['整数', 'a whole number', '如 20000', 'e.g. 20000'],
      array: ['列表', 'a list', '写成 [a, b]，或每项一行、以“- ”开头', 'write [a, b], or one "- " line per entry'],
      object: ['一组字段', 'a set of fields', '在下一行缩进写“名称: 值”', 'write indented "name: value" lines below it'],
    };
    const [zhWhat, enWhat, zhAdvice, enAdvice] = kinds[expected] ?? [
      expected,
      expected,
      `请对照 ${EXAMPLE} 中的示例`,
      `compare with the example under ${EXAMPLE}`,
    ];
    return words(`这里写的是${shown['zh-CN']}，应为${zhWhat}：${zhAdvice}。`, `this is ${shown.en}, where ${enWhat} is expected: ${enAdvice}.`);
  },
  email: (value: string) =>
    words(
      `“${value}”不是有效的邮箱地址：请写成 name@example.org 的样子（英文字母、数字和符号）。`,
      `"${value}" is not an email address: write it as name@example.org.`,
    ),
  id: (value: string) =>
    words(
      `“${value}”不能用作编号：只能用小写英文字母、数字和连字符（-），以字母或数字开头，如 school-a。`,
      `"${value}" cannot be an id: use lower-case letters, digits and dashes, starting with a letter or digit, e.g. school-a.`,
    ),
  year: (value: string) =>
    words(`“${value}”不是年份：请写 2000 到 2100 之间的整数，如 2026。`, `"${value}" is not a year: write a whole number from 2000 to 2100, e.g. 2026.`),
  dueDateFormat: (value: string) =>
    words(
      `“${value}”不是日期：请写成 YYYY-MM-DD（如 2026-12-31，指当天结束），或带时区的时间（如 2026-12-31T18:00+08:00）。`,
      `"${value}" is not a date: write YYYY-MM-DD (e.g. 2026-12-31, meaning the end of that day) or a date-time with its offset (e.g. 2026-12-31T18:00+08:00).`,
    ),
  durationFormat: (value: string) =>
    words(
      `“${value}”不是时长：请写数字加单位 d（天）、h（小时）、m（分钟）或 s（秒），如 7d、12h、30m。`,
      `"${value}" is not a duration: write a number and d (days), h (hours), m (minutes) or s (seconds), e.g. 7d, 12h, 30m.`,
    ),
  zeroDuration: (field: string, value: string) => {
    const meaning = meaningOf(field);
    return words(
      `${meaning.zh}必须大于 0（这里写的是 ${value}）：为 0 会立即发送通知，重复的还会一再发送；请写如 ${meaning.example}。`,
      `${meaning.en} must be longer than 0 (this says ${value}): at 0 a notice goes out at once, and one that repeats goes out again and again; write e.g. ${meaning.example}.`,
    );
  },
  admins: () => words('至少要有一名管理员：请在 admins 下列出组织办人员的邮箱。', "at least one admin: list the organization office's emails under admins."),
  leaders: () =>
    words(
      '至少要有一名领导：请在 leaders 下列出审批报告的领导的邮箱。',
      'at least one leader: list the emails of the leaders who approve reports under leaders.',
    ),
  boolean: (value: string) => words(`只能写 true 或 false（这里写的是 ${value}）。`, `write true or false (this says ${value}).`),
  share: (value: string) =>
    words(
      `应写比较和比例，如 ">= 70%" 或 "> 1/3"（这里写的是 ${value}），并加引号。`,
      `write a comparison and a share in quotes, such as ">= 70%" or "> 1/3" (this says ${value}).`,
    ),
  score: (value: string) =>
    words(`应写比较和分数，如 ">= 85"（这里写的是 ${value}），并加引号。`, `write a comparison and a score in quotes, such as ">= 85" (this says ${value}).`),
  grades: (value: string) =>
    words(
      `应为等次或用 + 连接的几个等次，如 好 或 好+较好（这里写的是 ${value}）。`,
      `write a grade, or grades joined by +, such as 好 or 好+较好 (this says ${value}).`,
    ),
  grade: (value: string) => words(`等次只能是 好、较好、一般、差 之一（这里写的是 ${value}）。`, `a grade is one of 好, 较好, 一般, 差 (this says ${value}).`),
  tooLong: (label: Words, max: number, has: number) =>
    words(`${label['zh-CN']}最多 ${max} 字，现在有 ${has} 字：请缩短。`, `${label.en} may have at most ${max} characters, and has ${has}: shorten it.`),
  blank: (label: Words) =>
    words(`${label['zh-CN']}不能为空白：请填写内容，或删去这一项。`, `${label.en} must not be blank: write it out, or remove the entry.`),
  locale: (value: string) =>
    words(
      `语言只能是 zh-CN（中文）或 en（英文），这里写的是 ${value}：不写则为 zh-CN。`,
      `the language is zh-CN (Chinese) or en (English), not ${value}; leave it out for zh-CN.`,
    ),
  positiveWholeNumber: (value: string) =>
    words(`应为大于 0 的整数，如 20000（这里写的是 ${value}）。`, `must be a whole number above 0, e.g. 20000 (this says ${value}).`),
  /** A refusal the words above do not cover: the schema's own English, with the advice to compare. */
  other: (detail: string) => words(`${detail}：请对照 ${EXAMPLE} 中的示例改正。`, `${detail}: compare with the example under ${EXAMPLE}.`),
};

export const PEOPLE_WORDS = {
  duplicatePerson: (email: string, first: Words) =>
    words(
      `${email} 重复列出（第一次在${first['zh-CN']}）：每人只列一次，请删去这一行。`,
      `${email} is listed twice (first at ${first.en}): list each person once; remove this one.`,
    ),
  unknownPerson: (role: Role, email: string) =>
    words(
      `${ROLE_WORDS[role]['zh-CN']} ${email} 不在 people 名单里：请在 people（或 peopleCsv）中加上此人，或改正邮箱。`,
      `${ROLE_WORDS[role].en} ${email} is not listed under people: add them to people (or peopleCsv), or correct the email.`,
    ),
  duplicateBranch: (id: string, first: Words) =>
    words(
      `支部编号 ${id} 重复（第一次在${first['zh-CN']}）：每个支部只列一次，编号不能相同。`,
      `branch id ${id} is used twice (first at ${first.en}): list each branch once, each with its own id.`,
    ),
  branchIsOrganization: (id: string) =>
    words(
      `支部编号 ${id} 与上级组织（organization.id）相同：请给支部换一个编号。`,
      `branch id ${id} is the organization's own id: give the branch another id.`,
    ),
  reviewsOwn: (branchId: string) =>
    words(
      `${branchId} 的书记不能审核自己的报告：请另指定审核人，或删去 reviewer（由组织办审核）。`,
      `the secretary of ${branchId} cannot review their own report: name another reviewer, or remove reviewer.`,
    ),
  noBranches: () =>
    words(
      '没有支部：请在 organization.branches 下列出支部，或用 branchesCsv 指定支部表。',
      'no branches: list them under organization.branches, or name a CSV file in branchesCsv.',
    ),
  nobodyCanApprove: (branchId: string, email: string) =>
    words(
      `${branchId} 的报告无人可以审批：其书记 ${email} 是唯一的领导。请在 leaders 中增加一位领导，或另指定党组书记。`,
      `nobody can approve the report of ${branchId}: its secretary ${email} is the only leader (name another leader or a different Party group secretary).`,
    ),
  approvedByOthers: (email: string, role: Role, branchId: string, approvers: string[]) =>
    words(
      `${email} 是${ROLE_WORDS[role]['zh-CN']}，也是 ${branchId} 的书记：其报告将由 ${approvers.join('、')} 审批。`,
      `${email} is ${role === 'leader' ? 'a leader' : 'the Party group secretary'} and the secretary of ${branchId}: its report will be approved by ${approvers.join(', ')}`,
    ),
};

export const SCHEDULE_WORDS = {
  unknownTimeZone: (zone: string) =>
    words(
      `不认识的时区 ${zone}：请写 IANA 时区名，如 Asia/Shanghai（北京时间）。`,
      `unknown time zone ${zone}: write an IANA zone name such as Asia/Shanghai.`,
    ),
  noSuchMonth: (value: string) => words(`${value} 不是真实的日期：月份只能是 01 到 12。`, `${value} is not a real date: the month is 01 to 12.`),
  noSuchDay: (value: string, daysInMonth: number) =>
    words(`${value} 不是真实的日期：这个月只有 ${daysInMonth} 天，请改正。`, `${value} is not a real date: that month has ${daysInMonth} days; correct it.`),
  noSuchTime: (value: string) =>
    words(`${value} 的时间不存在：小时是 00 到 23，分钟和秒是 00 到 59。`, `${value} has no such time: hours are 00 to 23, minutes and seconds 00 to 59.`),
  noSuchOffset: (value: string) =>
    words(
      `${value} 的时区偏移不存在：应在 -12:00 到 +14:00 之间，北京时间是 +08:00。`,
      `${value} has no such offset: it is between -12:00 and +14:00 (China is +08:00).`,
    ),
  dueDatePast: (value: string) => words(`截止日期 ${value} 已经过去：请改为今天以后的日期。`, `due date ${value} is in the past: choose a date after today.`),
  yearMismatch: (year: number, dueDate: string) =>
    words(
      `年度 ${year} 与截止日期 ${dueDate} 不符：${year} 年度的述职应在 ${year}-01-01 至 ${year + 1}-06-30 之间截止，请改正 year 或 dueDate。`,
      `year ${year} does not match the due date ${dueDate}: a season for ${year} is due between ${year}-01-01 and ${year + 1}-06-30; correct year or dueDate.`,
    ),
  duplicateReminder: (value: string) =>
    words(`截止前 ${value} 的提醒列了两次：每个时间只列一次。`, `the reminder ${value} before the due date is listed twice: list each once.`),
  reminderTooEarly: (value: string, most: string) =>
    words(
      `截止前 ${value} 的提醒太早：提醒最多在截止前 ${most} 发出，请改短，如 7d。`,
      `a reminder ${value} before the due date is too early: reminders come at most ${most} before it; make it shorter, e.g. 7d.`,
    ),
  reminderPassed: (value: string, when: string) =>
    words(
      `截止前 ${value} 的提醒应在 ${when} 发出，这个时间已经过去，提醒不会再发：请删去它，或改短到今天以后。`,
      `the reminder ${value} before the due date would go out at ${when}, which has passed, so it would never be sent: remove it, or make it shorter so it falls after today.`,
    ),
  remindersTooClose: (earlier: string, later: string, gap: string) =>
    words(
      `截止前 ${earlier} 和 ${later} 的两次提醒相隔不到 ${gap}：书记会短时间内连收两封；请拉开间隔或删去一个。`,
      `the reminders ${earlier} and ${later} before the due date are less than ${gap} apart: the secretary would get two mails in a row; space them out or drop one.`,
    ),
  escalationOrder: () =>
    words(
      '告知党组书记不能早于告知联系人：escalateToPartyGroupSecretaryAfter 应不短于 escalateToLiaisonAfter。',
      'must not come before the escalation to the liaison: make escalateToPartyGroupSecretaryAfter at least escalateToLiaisonAfter.',
    ),
  repeatsTooOften: (value: string, gap: string) =>
    words(
      `每 ${value} 重复一次太频繁：重复的通知至少间隔 ${gap}；请写 ${gap} 或更长，如 7d。`,
      `every ${value} is too often: a notice that repeats comes at most once every ${gap}; write ${gap} or longer, e.g. 7d.`,
    ),
  gapLowered: (value: string) =>
    words(
      `minimumNoticeGap 为 ${value}，低于默认的 1h：同一人最快每 ${value} 收到一次通知。仅用于演示和测试，正式季度请删去这一项。`,
      `minimumNoticeGap is ${value}, below the usual 1h: one person may be told every ${value}. Meant for demos and tests; remove it for a real season.`,
    ),
  noSections: () =>
    words(
      '至少要有一个必需的章节：请在 template.sections 下列出，如“一、主要工作”。',
      'at least one required section: list them under template.sections, e.g. 一、主要工作.',
    ),
  duplicateSection: (section: string, first: Words) =>
    words(
      `章节“${section}”重复（第一次在${first['zh-CN']}）：每个章节只列一次。`,
      `section "${section}" is listed twice (first at ${first.en}): list each section once.`,
    ),
};

export const CSV_WORDS = {
  closingQuote: () =>
    words(
      '引号用法不对：以引号开头的值，结束引号后要紧跟逗号或换行。值里本身有引号时，请把整个值用引号括起来，里面的引号写成两个（""）。',
      'a quote is misplaced: in a value that starts with a quote, the closing quote must be followed by a comma or the end of the line. To put a quote inside a value, quote the whole value and double the inner quote ("").',
    ),
  openingQuote: () =>
    words(
      '值的中间出现了引号：请把整个值用引号括起来，里面的引号写成两个，如 "甲""校""党支部"；或者去掉这个引号。',
      'a quote appears in the middle of a value: quote the whole value and double the inner quote, e.g. "甲""校""党支部"; or remove the quote.',
    ),
  quoteNotClosed: () =>
    words(
      '这一行开始的引号没有结束：请补上结束的引号（"），或去掉开头的引号。',
      'the quote opened on this line is never closed: add the closing quote ("), or remove the opening one.',
    ),
  tooManyFields: (got: number, expected: number) =>
    words(
      `这一行有 ${got} 个值，表头只有 ${expected} 列：值里有逗号时，请把整个值用引号括起来，如 "乙校书记, 兼任"。`,
      `this line has ${got} values and the header ${expected} columns: a value with a comma in it goes in quotes, e.g. "乙校书记, 兼任".`,
    ),
  duplicateColumn: (name: string) => words(`列名“${name}”出现了两次：每列只写一次。`, `the column "${name}" is named twice: name each column once.`),
  blankColumn: (position: number) =>
    words(`第 ${position} 列没有列名：请填写列名，或删去这一列。`, `column ${position} has no name: name it, or remove the column.`),
  other: (code: string) =>
    words(
      `CSV 格式有误（${code}）：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再试。`,
      `the CSV is malformed (${code}): save it from Excel as "CSV UTF-8 (comma delimited)" and try again.`,
    ),
};
