import { decodeUtf8Strict, encodingLabel, guessLegacyEncoding } from "./decode-text";

export interface DbfField {
  name: string;
  type: string;
  length: number;
  decimals: number;
}

export interface DbfContents {
  fields: DbfField[];
  rows: Record<string, string | number | boolean | null>[];
  /** TextDecoder label used for text fields and field names. */
  encoding: string;
  /** Where the encoding came from, for the import notes. */
  encodingSource: "option" | "cpg" | "language driver" | "detected";
  truncated?: string;
}

/** DBF language driver ids (byte 29) → code page. 0x57 ("ANSI", the writer's own code page) is not listed: it says nothing. */
const LANGUAGE_DRIVERS: Record<number, string> = {
  0x01: "ibm866", 0x02: "windows-1252", 0x03: "windows-1252", 0x4d: "gbk", 0x4e: "euc-kr", 0x4f: "big5",
  0x7a: "gbk", 0x13: "shift_jis", 0x7b: "shift_jis", 0x7d: "windows-1255", 0x7e: "windows-1256",
  0xc8: "windows-1250", 0xc9: "windows-1251", 0xca: "windows-1254", 0xcb: "windows-1253", 0x58: "windows-1252", 0x59: "windows-1252",
};

function trimField(text: string): string {
  return text.replace(/[\0\s]+$/u, "").replace(/^[\0 ]+/, "");
}

function textFieldBytes(bytes: Uint8Array, headerLength: number, recordLength: number, count: number, fields: (DbfField & { offset: number })[]): Uint8Array {
  const parts: number[] = [];
  for (let r = 0; r < Math.min(count, 2000); r++) {
    for (const field of fields) {
      if (field.type !== "C") continue;
      const start = headerLength + r * recordLength + field.offset;
      for (let i = start; i < start + field.length && i < bytes.length; i++) parts.push(bytes[i]);
      parts.push(0x20);
    }
  }
  return Uint8Array.from(parts);
}

function chooseEncoding(
  bytes: Uint8Array,
  textBytes: Uint8Array,
  option: string | undefined,
  cpg: string | undefined,
): Pick<DbfContents, "encoding" | "encodingSource"> {
  const fromOption = option && encodingLabel(option);
  if (fromOption) return { encoding: fromOption, encodingSource: "option" };
  const fromCpg = cpg && encodingLabel(cpg);
  if (fromCpg) return { encoding: fromCpg, encodingSource: "cpg" };
  const fromDriver = LANGUAGE_DRIVERS[bytes[29]];
  if (fromDriver) return { encoding: fromDriver, encodingSource: "language driver" };
  const utf8 = decodeUtf8Strict(textBytes) !== undefined;
  return { encoding: utf8 ? "utf-8" : guessLegacyEncoding(textBytes), encodingSource: "detected" };
}

function parseValue(raw: Uint8Array, field: DbfField, decoder: TextDecoder): string | number | boolean | null {
  if (field.type === "C" || field.type === "M" || field.type === "V") return trimField(decoder.decode(raw));
  const ascii = trimField(String.fromCharCode(...raw));
  switch (field.type) {
    case "N":
    case "F":
    case "O": {
      if (ascii === "" || /^\*+$/.test(ascii)) return null;
      const number = Number(ascii.replace(",", "."));
      return Number.isFinite(number) ? number : null;
    }
    case "L":
      return /^[TtYy]$/.test(ascii) ? true : /^[FfNn]$/.test(ascii) ? false : null;
    case "D":
      return /^\d{8}$/.test(ascii) ? `${ascii.slice(0, 4)}-${ascii.slice(4, 6)}-${ascii.slice(6, 8)}` : ascii === "" ? null : ascii;
    default:
      return trimField(decoder.decode(raw));
  }
}

/**
 * Reads a dBASE .dbf attribute table (field types C, N, F, L, D; others as text). Encoding: `options.encoding`,
 * else the .cpg text, else the language driver byte (0x4D = GBK/936, …), else detected (strict UTF-8, else
 * GB18030 vs Windows-1252 by byte pattern). Throws a plain Error only for a header that is not a DBF.
 *
 * @example readDbf(bytes, { cpg: "GBK" }).rows[0] // { 名称: "魏塘街道", … }
 */
export function readDbf(bytes: Uint8Array, options: { encoding?: string; cpg?: string } = {}): DbfContents {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 32) throw new Error("not a .dbf file (too short)");
  const count = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (headerLength < 33 || headerLength > bytes.length || recordLength < 1) throw new Error("not a .dbf file (bad header)");
  const rawFields: (DbfField & { offset: number; nameBytes: Uint8Array })[] = [];
  let offset = 1;
  for (let at = 32; at + 32 <= headerLength && bytes[at] !== 0x0d; at += 32) {
    const nameBytes = bytes.subarray(at, at + 11);
    const nameEnd = nameBytes.indexOf(0);
    const field = {
      name: "",
      nameBytes: nameBytes.subarray(0, nameEnd < 0 ? 11 : nameEnd),
      type: String.fromCharCode(bytes[at + 11]).toUpperCase(),
      length: bytes[at + 16],
      decimals: bytes[at + 17],
      offset,
    };
    offset += field.length;
    rawFields.push(field);
  }
  if (offset > recordLength + 1) throw new Error("not a .dbf file (fields longer than the record)");
  const available = Math.floor((bytes.length - headerLength) / recordLength);
  const rowCount = Math.min(count, available);
  const { encoding, encodingSource } = chooseEncoding(bytes, textFieldBytes(bytes, headerLength, recordLength, rowCount, rawFields), options.encoding, options.cpg);
  const decoder = new TextDecoder(encoding);
  const seen = new Map<string, number>();
  const fields = rawFields.map((field, i) => {
    const base = trimField(decoder.decode(field.nameBytes)) || `field_${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { ...field, name: n === 1 ? base : `${base}_${n}` };
  });
  const rows = Array.from({ length: rowCount }, (_, r) => {
    const start = headerLength + r * recordLength;
    return Object.fromEntries(
      fields.map((field) => [field.name, parseValue(bytes.subarray(start + field.offset, start + field.offset + field.length), field, decoder)]),
    );
  });
  return {
    fields: fields.map(({ name, type, length, decimals }) => ({ name, type, length, decimals })),
    rows,
    encoding,
    encodingSource,
    ...(rowCount < count ? { truncated: `the header promises ${count} records, the file holds ${rowCount}` } : {}),
  };
}
