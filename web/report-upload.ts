// A draft uploaded in the report editor: a Word .docx or a text file in any encoding offices save
// (UTF-8, GBK, UTF-16), read by the same reader as `shuzhi report check` and `report draft --file`,
// then split into the template's sections for the editor.
import { decodeReportBytes, NotTextError } from '../app/text-file';
import type { Locale } from '../domain/vocabulary';
import { words, type Words } from '../domain/words';
import { splitSections, type SectionedReport } from './report-sections';

export type UploadedDraft = { draft: SectionedReport; notice?: Words } | { refused: Words };

/** The browser sends the file's name percent-encoded when it can; without one the reply says "the uploaded file". */
export function uploadName(header: string | string[] | undefined, locale: Locale): string {
  const raw = Array.isArray(header) ? header[0] : header;
  try {
    if (raw) return decodeURIComponent(raw);
  } catch {
    // A malformed name is no reason to refuse the file.
  }
  return words('上传的文件', 'the uploaded file')[locale];
}

export async function readUploadedDraft(bytes: Buffer | undefined, fileName: string, sections: string[]): Promise<UploadedDraft> {
  try {
    const file = await decodeReportBytes(bytes ?? Buffer.alloc(0), fileName);
    return { draft: splitSections(file.text, sections), ...(file.notice ? { notice: file.notice } : {}) };
  } catch (error) {
    if (error instanceof NotTextError) return { refused: error.words };
    throw error;
  }
}
