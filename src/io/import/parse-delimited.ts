export const CANDIDATE_DELIMITERS = [",", "\t", ";", "|"] as const;
export type Delimiter = (typeof CANDIDATE_DELIMITERS)[number];

/** Counts a delimiter outside quotes on each non-blank line, for the first `maxLines` lines. */
function countsPerLine(text: string, delimiter: string, maxLines: number): number[] {
  const counts: number[] = [];
  let count = 0;
  let lineLength = 0;
  let quoted = false;
  for (let i = 0; i < text.length && counts.length < maxLines; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === "\n" || ch === "\r")) {
      if (lineLength > 0) counts.push(count);
      count = 0;
      lineLength = 0;
      continue;
    }
    lineLength++;
    if (!quoted && ch === delimiter) count++;
  }
  if (lineLength > 0 && counts.length < maxLines) counts.push(count);
  return counts;
}

/**
 * Picks the delimiter that splits the first lines into the same, largest number of fields.
 * Falls back to "," (a one-column file has no delimiter at all).
 *
 * @example sniffDelimiter("lat;lon\n1;2") // ";"
 */
export function sniffDelimiter(text: string): Delimiter {
  let best: Delimiter = ",";
  let bestScore = 0;
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const counts = countsPerLine(text, delimiter, 20);
    if (counts.length === 0 || counts[0] === 0) continue;
    const consistent = counts.filter((c) => c === counts[0]).length / counts.length;
    const score = consistent * counts[0] + (consistent === 1 ? 1000 : 0);
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Parses delimited text (RFC 4180: quoted fields, doubled quotes, CRLF/LF/CR line ends, newlines inside
 * quotes). Blank lines are skipped. Returns rows of raw string fields.
 *
 * @example parseDelimited('a,"b,c"\n1,"say ""hi"""', ",") // [["a","b,c"],["1",'say "hi"']]
 */
export function parseDelimited(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let fieldStarted = false;
  const endRow = () => {
    if (fieldStarted || row.length > 0 || field !== "") row.push(field);
    if (row.length > 1 || (row.length === 1 && row[0] !== "")) rows.push(row);
    row = [];
    field = "";
    fieldStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field.trim() === "") {
      quoted = true;
      field = "";
      fieldStarted = true;
    } else if (ch === delimiter) {
      row.push(field);
      field = "";
      fieldStarted = true;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRow();
    } else field += ch;
  }
  endRow();
  return rows;
}
