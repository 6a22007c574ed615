/**
 * A map layer declared in one place: how it draws, what the legend says, which fields the card
 * shows and whether search indexes it. Adding a layer kind means adding one module to this folder
 * and listing it in registry.ts.
 */
import type { LayerSpecification } from "maplibre-gl";
import type { FeatureCollection } from "geojson";
import type { Bilingual, LayerKind } from "../../data/types.ts";
import type { Lang } from "../../i18n/strings.ts";
import type { Theme } from "../theme.ts";

export interface StyleContext {
  /** Source id of this layer's data; style layer ids must start with it. */
  sourceId: string;
  lang: Lang;
  theme: Theme;
  /** 0..1 from the layer panel. */
  opacity: number;
  visible: boolean;
  /** Colour chosen by the user for this layer; layer kinds that support it fall back to the theme. */
  color?: string;
}

export type Swatch =
  | { shape: "fill"; color: string; hatched?: boolean; dashed?: boolean }
  | { shape: "line"; color: string; dashed?: boolean }
  | { shape: "circle"; color: string; hollow?: boolean; size?: number };

export interface LegendEntry {
  label: Bilingual;
  swatch: Swatch;
}

export interface CardField {
  key: string;
  label: Bilingual;
  /** Turns the raw value into display text; the result is rendered as text, never HTML. */
  format?: (value: unknown, lang: Lang) => string;
}

export interface LayerDef {
  kind: LayerKind;
  group: "thematic" | "context";
  defaultVisible: boolean;
  /** Sources beside the main one, derived from this layer's data (e.g. the county mask). */
  extraSources?: (fc: FeatureCollection) => Record<string, FeatureCollection>;
  /** Where this kind's point-placed labels go, if not at `labelPoints` (one per feature, at its deepest point). */
  labelPoints?: (fc: FeatureCollection) => FeatureCollection;
  /**
   * The only properties this kind's style and hit-testing read. When set, the map receives copies of
   * the features with just these (user files: less to send to the map worker, and keys such as
   * "constructor" that break MapLibre's worker never reach it). Cards read the full data from state.
   */
  mapProperties?: string[];
  styleLayers(ctx: StyleContext): LayerSpecification[];
  legend(theme: Theme): LegendEntry[];
  cardFields: CardField[];
  searchable: boolean;
}
