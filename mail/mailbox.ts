// The captured mailbox of the embedded stack: one .eml file per message plus an index line each,
// under <data>/mailbox. Read by the CLI (`shuzhi mailbox`) and by tests.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';

export interface CapturedMailSummary {
  id: string;
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  receivedAt: string;
  file: string;
}

export interface CapturedMail extends CapturedMailSummary {
  text: string;
  html: string;
}

export class Mailbox {
  private readonly indexFile: string;
  private readonly messagesDir: string;

  constructor(readonly dir: string) {
    this.indexFile = join(dir, 'index.jsonl');
    this.messagesDir = join(dir, 'messages');
    mkdirSync(this.messagesDir, { recursive: true });
  }

  list(filter: { to?: string } = {}): CapturedMailSummary[] {
    if (!existsSync(this.indexFile)) return [];
    const all = readFileSync(this.indexFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as CapturedMailSummary);
    const to = filter.to?.toLowerCase();
    return to ? all.filter((mail) => mail.to.includes(to)) : all;
  }

  async read(id: string): Promise<CapturedMail> {
    const summary = this.list().find((mail) => mail.id === id);
    if (!summary) throw new Error(`no captured mail with id ${id}`);
    const parsed = await simpleParser(readFileSync(join(this.dir, summary.file)));
    return { ...summary, text: parsed.text ?? '', html: typeof parsed.html === 'string' ? parsed.html : '' };
  }

  has(messageId: string): boolean {
    return this.list().some((mail) => mail.messageId === messageId);
  }

  /** Message-IDs in the index, read once by the writer: a season's wave of mail must not re-read it per message. */
  private known?: Set<string>;

  /** Stores a raw message unless one with the same Message-ID is already here. */
  store(raw: Buffer, meta: { messageId: string; from: string; to: string[]; subject: string }): boolean {
    this.known ??= new Set(this.list().map((mail) => mail.messageId));
    if (meta.messageId && this.known.has(meta.messageId)) return false;
    const id = `${Date.now()}-${createHash('sha1')
      .update(meta.messageId || raw)
      .digest('hex')
      .slice(0, 12)}`;
    const file = join('messages', `${id}.eml`);
    writeFileSync(join(this.dir, file), raw);
    const summary: CapturedMailSummary = {
      id,
      messageId: meta.messageId,
      from: meta.from,
      to: meta.to.map((address) => address.toLowerCase()),
      subject: meta.subject,
      receivedAt: new Date().toISOString(),
      file,
    };
    appendFileSync(this.indexFile, JSON.stringify(summary) + '\n');
    this.known.add(meta.messageId);
    return true;
  }
}
