import { STATUSES, type Status } from "../data/types.ts";
import { t } from "./i18n.ts";

export function StatusBadge({ status }: { status: unknown }) {
  const known = STATUSES.includes(status as Status) ? (status as Status) : null;
  return <span class={`status-badge status-${known ?? "unknown"}`}>{known ? t(`status.${known}`) : String(status ?? "—")}</span>;
}
