/** The "Import data" button: a file picker for one or more files (loose shapefile parts together). */
import { MAX_IMPORT_BYTES } from "../../io/import/types.ts";
import { t } from "../i18n.ts";
import { importUserFilesLazily } from "./import-state.ts";

export const ACCEPTED = ".geojson,.json,.kml,.kmz,.gpx,.tcx,.csv,.tsv,.txt,.dsv,.tab,.zip,.shp,.dbf,.shx,.prj,.cpg,.cst";

export function ImportButton() {
  return (
    <label class="tool-button import-button" title={`${t("import.buttonLabel")}. ${t("import.limit").replace("{mb}", String(MAX_IMPORT_BYTES / 1024 / 1024))}`}>
      ⇪ {t("import.button")}
      <input type="file" multiple accept={ACCEPTED} class="visually-hidden" data-testid="import-file" aria-label={t("import.buttonLabel")}
        onChange={(e) => {
          const input = e.currentTarget;
          const files = [...(input.files ?? [])];
          input.value = "";
          void importUserFilesLazily(files);
        }} />
    </label>
  );
}
