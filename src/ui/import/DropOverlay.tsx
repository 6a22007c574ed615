/** A full-window drop target that appears while files are dragged over the page. */
import { useEffect, useState } from "preact/hooks";
import { MAX_IMPORT_BYTES } from "../../io/import/types.ts";
import { t } from "../i18n.ts";
import { importUserFilesLazily } from "./import-state.ts";

const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes("Files");

export function DropOverlay() {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    // dragenter/dragleave fire for every child element; a counter tells when the pointer really left.
    let depth = 0;
    const enter = (e: DragEvent) => { if (!hasFiles(e)) return; e.preventDefault(); depth++; setDragging(true); };
    const over = (e: DragEvent) => { if (!hasFiles(e)) return; e.preventDefault(); if (e.dataTransfer) e.dataTransfer.dropEffect = "copy"; };
    const leave = (e: DragEvent) => { if (!hasFiles(e)) return; depth = Math.max(0, depth - 1); if (depth === 0) setDragging(false); };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      void importUserFilesLazily([...(e.dataTransfer?.files ?? [])]);
    };
    addEventListener("dragenter", enter);
    addEventListener("dragover", over);
    addEventListener("dragleave", leave);
    addEventListener("drop", drop);
    return () => {
      removeEventListener("dragenter", enter);
      removeEventListener("dragover", over);
      removeEventListener("dragleave", leave);
      removeEventListener("drop", drop);
    };
  }, []);
  if (!dragging) return null;
  return (
    <div class="drop-overlay" role="status" aria-live="polite">
      <div class="drop-box">
        <strong>{t("import.drop")}</strong>
        <span>{t("import.dropFormats")}</span>
        <span class="hint">{t("import.limit").replace("{mb}", String(MAX_IMPORT_BYTES / 1024 / 1024))}</span>
      </div>
    </div>
  );
}
