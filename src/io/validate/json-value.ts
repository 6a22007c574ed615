/** Small helpers for looking at untyped JSON values. */

export type JsonObject = Record<string, unknown>;

/** A JSON object (not null, not an array). */
export const isJsonObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/** "a string", "an array", "null"… for messages. */
export function describeKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  const kind = typeof value;
  return kind === "object" || kind === "undefined" ? `an ${kind}` : `a ${kind}`;
}
