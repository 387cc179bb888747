// How much text a Word file unpacks to, measured before anything reads it. A .docx is a zip: a
// file of a few hundred KB can unpack to gigabytes, and reading that would hold the web app (and
// every other person's request) for as long as it takes.
import JSZip from 'jszip';

/** Far more than the XML of any report (a 100,000-character report's is a few MB), far less than a bomb. */
export const MAX_UNPACKED_DOCX_BYTES = 40 * 1024 * 1024;

/**
 * The unpacked size of the parts a reader of the text opens (pictures under word/media/ are not
 * read), counted while unpacking and stopped once past `limit`: never more than that is unpacked.
 * Undefined when the bytes are not a zip.
 */
export async function unpackedTextBytes(bytes: Buffer, limit = MAX_UNPACKED_DOCX_BYTES): Promise<number | undefined> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return undefined;
  }
  let total = 0;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir || entry.name.startsWith('word/media/')) continue;
    const size = await unpackedSize(entry, limit - total);
    if (size === undefined) return undefined;
    total += size;
    if (total > limit) return total;
  }
  return total;
}

/** One part's unpacked size, unpacking no more than `room` bytes and one chunk past them. */
function unpackedSize(entry: JSZip.JSZipObject, room: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    let size = 0;
    const stream = entry.nodeStream('nodebuffer');
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= room) return;
      stream.pause(); // a paused stream unpacks no further
      resolve(size);
    });
    stream.on('end', () => resolve(size));
    stream.on('error', () => resolve(undefined));
  });
}
