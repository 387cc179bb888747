// Prints a PDF's text as JSON, one array of lines per page: node test/helpers/pdf-pages.mjs <file.pdf>
// A child process because pdf.js is an ES module, which jest's CommonJS test files cannot import.
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const pdf = await getDocument({ data: new Uint8Array(readFileSync(process.argv[2])), verbosity: 0 }).promise;
const pages = [];
for (let number = 1; number <= pdf.numPages; number++) {
  const { items } = await (await pdf.getPage(number)).getTextContent();
  const lines = [''];
  for (const item of items) {
    if (!('str' in item)) continue;
    lines[lines.length - 1] += item.str;
    if (item.hasEOL) lines.push('');
  }
  pages.push(lines.map((line) => line.trim()).filter(Boolean));
}
console.log(JSON.stringify(pages));
