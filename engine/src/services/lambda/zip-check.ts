import { crc32 } from 'node:zlib';

/**
 * The CRC-32 each entry of a zip declares in its central directory, with the local header of
 * each entry checked for its signature. Undefined when the structure is broken. fflate unzips
 * leniently (it neither checks signatures nor CRCs), so a damaged upload is caught here.
 * Format: https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT (4.3.12, 4.3.16)
 */
function declaredCrcs(zip: Buffer): Map<string, number> | undefined {
  const searchFrom = Math.max(0, zip.length - 22 - 65_535);
  let end = -1;
  for (let i = zip.length - 22; i >= searchFrom; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const crcs = new Map<string, number>();
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return undefined;
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (local + 4 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) return undefined;
    crcs.set(zip.toString('utf8', at + 46, at + 46 + nameLength), zip.readUInt32LE(at + 16));
    at += 46 + skip;
  }
  return crcs;
}

/** True when every unzipped file matches the CRC-32 the archive declares for it. */
export function zipIntact(zip: Uint8Array, files: Readonly<Record<string, Uint8Array>>): boolean {
  const crcs = declaredCrcs(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
  if (!crcs) return false;
  return Object.entries(files).every(([name, bytes]) => crcs.get(name) === crc32(bytes));
}
