// Renders a document with headless LibreOffice and reads the PDF back, page by page. A machine
// without LibreOffice or a font with Chinese glyphs fails with what to install, never skips:
// `npm test` installs both where it can (scripts/bootstrap.mjs --for-tests, as root with apt-get).
import { execFile, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const INSTALL = 'apt-get install --no-install-recommends libreoffice-writer-nogui fonts-noto-cjk';

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return join(dir, command);
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** The soffice to use (SOFFICE_PATH, else on PATH), or an error saying what to install. */
export function soffice(): string {
  const found = process.env.SOFFICE_PATH ?? findOnPath('soffice') ?? findOnPath('libreoffice');
  if (!found) throw new Error(`LibreOffice is not installed (no soffice on PATH, no SOFFICE_PATH): npm test installs it as root; otherwise run ${INSTALL}`);
  const fonts = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).stdout ?? '';
  if (!fonts.trim()) throw new Error(`No font with Chinese glyphs (fc-list :lang=zh is empty): the PDF would have no Chinese text; run ${INSTALL}`);
  return found;
}

/** The document converted to PDF by headless LibreOffice, as each page's lines of text. */
export async function renderedPages(document: Buffer, name = 'document.docx'): Promise<string[][]> {
  const binary = soffice();
  const dir = mkdtempSync(join(tmpdir(), 'shuzhi-soffice-'));
  try {
    writeFileSync(join(dir, name), document);
    // A profile of its own, so runs in parallel (or a desktop LibreOffice) do not share one.
    const profile = pathToFileURL(join(dir, 'profile')).href;
    await run(binary, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, join(dir, name)], {
      timeout: 120_000,
    });
    const pdf = readdirSync(dir).find((file) => file.endsWith('.pdf'));
    if (!pdf) throw new Error(`LibreOffice wrote no PDF for ${name} in ${dir}`);
    const { stdout } = await run(process.execPath, [join(__dirname, 'pdf-pages.mjs'), join(dir, pdf)], { maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout) as string[][];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
