import type { Bilingual } from "../../data/types";

/** One problem found in an imported file: which file, optionally which feature/row, and what (zh + en). */
export interface ImportMessage {
  file: string;
  /** Feature index (0-based) or row number (1-based, as a spreadsheet shows it) the message is about. */
  feature?: number | string;
  message: Bilingual;
}

/**
 * Builds a message whose text itself names the file (and feature), so it reads well on its own in the UI.
 *
 * @example fileMessage("a.csv", { zh: "缺少经度列", en: "no longitude column" }) // en: "a.csv: no longitude column"
 */
export function fileMessage(file: string, text: Bilingual, feature?: number | string): ImportMessage {
  const where =
    feature === undefined
      ? { zh: `文件 ${file}`, en: file }
      : { zh: `文件 ${file} 第 ${feature} 项`, en: `${file}, feature ${feature}` };
  return {
    file,
    ...(feature === undefined ? {} : { feature }),
    message: { zh: `${where.zh}：${text.zh}`, en: `${where.en}: ${text.en}` },
  };
}

/**
 * The only error the importers throw for bad input. `message` is the English text (it names the file);
 * `problem` carries both languages and `toJSON()` gives the plain `{ file, feature?, message: {zh, en} }`
 * shape that crosses the worker boundary.
 */
export class ImportError extends Error {
  readonly file: string;
  readonly feature?: number | string;
  readonly problem: Bilingual;

  constructor(file: string, text: Bilingual, feature?: number | string) {
    const built = fileMessage(file, text, feature);
    super(built.message.en);
    this.name = "ImportError";
    this.file = file;
    if (feature !== undefined) this.feature = feature;
    this.problem = built.message;
  }

  /** Rebuilds an ImportError from its plain form (after postMessage), keeping the original texts. */
  static fromMessage(plain: ImportMessage): ImportError {
    const error = new ImportError(plain.file, { zh: "", en: "" }, plain.feature);
    Object.assign(error, { problem: plain.message, message: plain.message.en });
    return error;
  }

  toJSON(): ImportMessage {
    return { file: this.file, ...(this.feature === undefined ? {} : { feature: this.feature }), message: this.problem };
  }
}

/** Turns anything thrown while reading `file` into an ImportError, so no raw exception reaches the UI. */
export function asImportError(file: string, thrown: unknown): ImportError {
  if (thrown instanceof ImportError) return thrown;
  const detail = thrown instanceof Error ? thrown.message : String(thrown);
  return new ImportError(file, {
    zh: `无法读取（文件可能已损坏或格式不符）：${detail}`,
    en: `could not be read (the file may be damaged or not in the format it claims): ${detail}`,
  });
}

/** The error for a user's cancel (AbortSignal or the worker being stopped). */
export function cancelledError(file: string): ImportError {
  return new ImportError(file, { zh: "导入已取消", en: "import cancelled" });
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** The error for a file over the size limit, with both sizes. */
export function tooLargeError(file: string, size: number, maxBytes: number): ImportError {
  return new ImportError(file, {
    zh: `文件过大（${mb(size)}），上限为 ${mb(maxBytes)}；请先裁剪或拆分`,
    en: `file is too large (${mb(size)}); the limit is ${mb(maxBytes)}. Clip or split it first`,
  });
}
