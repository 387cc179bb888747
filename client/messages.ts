// What the CLI says, zh-CN by default, English with SHUZHI_LOCALE=en.
import type { Locale } from '../domain/vocabulary';

const zh = {
  seasonCreated: (id: string, branches: number, people: number) => `已创建述职季度 ${id}：${branches} 个支部，${people} 人。下一步：shuzhi season start ${id}`,
  seasonUpdated: (id: string, branches: number, people: number) => `已更新述职季度 ${id}：${branches} 个支部，${people} 人。`,
  seasonStarted: (id: string, workflowId: string) => `已启动述职季度 ${id}（工作流 ${workflowId}）。`,
  seasonAlreadyStarted: (id: string, workflowId: string) => `述职季度 ${id} 已经启动过（工作流 ${workflowId}），未重复启动。`,
  seasonFinishedFanOut: (started: number, already: number) => `已为 ${started} 个支部启动述职流程${already ? `，${already} 个此前已启动` : ''}。`,
  noMail: '邮箱中没有邮件。',
  invalidSeasonFile: '述职季度文件有误：',
  error: '错误：',
};

const en: typeof zh = {
  seasonCreated: (id, branches, people) => `Created season ${id}: ${branches} branches, ${people} people. Next: shuzhi season start ${id}`,
  seasonUpdated: (id, branches, people) => `Updated season ${id}: ${branches} branches, ${people} people.`,
  seasonStarted: (id, workflowId) => `Started season ${id} (workflow ${workflowId}).`,
  seasonAlreadyStarted: (id, workflowId) => `Season ${id} was already started (workflow ${workflowId}); not started again.`,
  seasonFinishedFanOut: (started, already) => `Started the report workflow of ${started} branches${already ? `; ${already} were already running` : ''}.`,
  noMail: 'The mailbox is empty.',
  invalidSeasonFile: 'The season file has problems:',
  error: 'Error:',
};

export type CliMessages = typeof zh;

export function cliMessages(locale: Locale): CliMessages {
  return locale === 'en' ? en : zh;
}
