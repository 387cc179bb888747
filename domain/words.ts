// What a person reads, in both of the app's languages. Workflow-safe.
export interface Words {
  'zh-CN': string;
  en: string;
}

export const words = (zh: string, en: string): Words => ({ 'zh-CN': zh, en });
