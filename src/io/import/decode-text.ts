/** Decoded text and the encoding that produced it ("utf-8", "gb18030", …). */
export interface DecodedText {
  text: string;
  encoding: string;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && UTF8_BOM.every((b, i) => bytes[i] === b);
}

/** Decodes strictly as UTF-8, or returns undefined if the bytes are not valid UTF-8. */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Maps a code page name as found in .cpg files, DBF language drivers or user input to a TextDecoder label,
 * or undefined if unknown (an HTML page saved as .cpg, say).
 *
 * @example encodingLabel("ANSI 1250") // "windows-1250"
 */
export function encodingLabel(name: string): string | undefined {
  const compact = name.trim().toLowerCase().replace(/^(ansi|cp|windows|ms)[\s_-]*/, "").replace(/[\s_-]/g, "");
  const aliases: Record<string, string> = {
    utf8: "utf-8",
    "65001": "utf-8",
    "936": "gbk",
    gbk: "gbk",
    gb2312: "gbk",
    gb18030: "gb18030",
    "54936": "gb18030",
    "950": "big5",
    big5: "big5",
    "932": "shift_jis",
    shiftjis: "shift_jis",
    "949": "euc-kr",
    "866": "ibm866",
  };
  if (aliases[compact]) return aliases[compact];
  if (/^12(5\d)$/.test(compact)) return `windows-${compact}`;
  if (/^8859\d{1,2}$/.test(compact)) return `iso-8859-${compact.slice(4)}`;
  if (/^iso8859\d{1,2}$/.test(compact)) return `iso-8859-${compact.slice(7)}`;
  if (compact === "latin1") return "windows-1252";
  try {
    return new TextDecoder(name.trim()).encoding;
  } catch {
    return undefined;
  }
}

/**
 * Judges non-UTF-8 bytes as Chinese GBK/GB18030 or Western Windows-1252. GB2312 characters are pairs of
 * high bytes, while Latin text has lone high bytes between ASCII letters ("Åland" is C5 6C, which GBK would
 * misread as 舕). So: GB18030 when almost every high byte has a high neighbour.
 */
export function guessLegacyEncoding(bytes: Uint8Array): "gb18030" | "windows-1252" {
  let high = 0;
  let paired = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] < 0x80) continue;
    high++;
    if (bytes[i + 1] >= 0x80) {
      high++;
      paired += 2;
      i++;
    }
  }
  return high > 0 && paired / high >= 0.9 ? "gb18030" : "windows-1252";
}

/**
 * Decodes text bytes: a given encoding first; otherwise UTF-8 (BOM stripped) if valid, else GB18030 or
 * Windows-1252 by `guessLegacyEncoding`.
 *
 * @example decodeText(gbkBytes).encoding // "gb18030"
 */
export function decodeText(bytes: Uint8Array, encoding?: string): DecodedText {
  if (encoding) {
    const label = encodingLabel(encoding) ?? "utf-8";
    return { text: new TextDecoder(label).decode(bytes), encoding: label };
  }
  const utf8 = decodeUtf8Strict(bytes);
  if (utf8 !== undefined) return { text: utf8, encoding: hasUtf8Bom(bytes) ? "utf-8 (BOM)" : "utf-8" };
  const legacy = guessLegacyEncoding(bytes);
  return { text: new TextDecoder(legacy).decode(bytes), encoding: legacy };
}
