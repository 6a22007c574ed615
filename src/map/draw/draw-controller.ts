/**
 * terra-draw on our map, loaded on first use of a drawing tool. terra-draw only edits: a finished
 * shape leaves terra-draw's store at once and becomes a feature of the "My drawings" layer in state
 * (one undoable step); in select mode the drawings are copied into terra-draw so their vertices can
 * be dragged, and each finished edit is written back to state. State stays the single truth, so undo,
 * persistence and export see drawings like any other user layer.
 */
import { effect } from "@preact/signals";
import type { Feature, Geometry } from "geojson";
import {
  TerraDraw, TerraDrawCircleMode, TerraDrawLineStringMode, TerraDrawPointMode, TerraDrawPolygonMode, TerraDrawSelectMode,
  type GeoJSONStoreFeatures,
} from "terra-draw";
import { TerraDrawMapLibreGLAdapter } from "terra-draw-maplibre-gl-adapter";
import { basemap, layers, select } from "../../state/app-state.ts";
import {
  addDrawing, deleteFeature, DRAWINGS_ID, drawingAccuracyM, drawingMeasure, measureFeature, updateFeatureGeometry, type DrawMode,
} from "../../state/user-data.ts";
import type { MapBridge } from "../bridge.ts";
import { drawsInGcj02 } from "../basemaps.ts";
import { geometryForDisplay, geometryFromDisplay } from "../display-shift.ts";

export interface DrawController {
  setMode(mode: DrawMode | null): void;
}

const INK = "#c2410c";
const EDITABLE = { feature: { draggable: true, coordinates: { draggable: true, midpoints: true, deletable: true, snappable: true } } };

/** The terra-draw mode that edits a stored geometry. */
const modeFor = (g: Geometry) => (g.type === "Point" ? "point" : g.type === "LineString" ? "linestring" : "polygon");

export function createDrawController(bridge: Pick<MapBridge, "map">): DrawController {
  const map = bridge.map;
  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map, prefixId: "td" }),
    modes: [
      new TerraDrawPointMode({ styles: { pointColor: INK, pointOutlineColor: "#ffffff", pointWidth: 6, pointOutlineWidth: 2 } }),
      new TerraDrawLineStringMode({ snapping: { toCoordinate: true }, styles: { lineStringColor: INK, lineStringWidth: 3 } }),
      new TerraDrawPolygonMode({ snapping: { toCoordinate: true }, styles: { fillColor: INK, fillOpacity: 0.2, outlineColor: INK, outlineWidth: 2 } }),
      new TerraDrawCircleMode({ styles: { fillColor: INK, fillOpacity: 0.2, outlineColor: INK, outlineWidth: 2 } }),
      new TerraDrawSelectMode({ flags: { point: { feature: { draggable: true } }, linestring: EDITABLE, polygon: EDITABLE } }),
    ],
  });
  draw.start();
  let mode: DrawMode | null = null;
  /** The drawings data we last loaded into terra-draw; a different object means state changed elsewhere. */
  let loaded: unknown = null;
  /** True while we rewrite terra-draw's store or state ourselves, so neither side echoes the other. */
  let syncing = false;
  const quietly = (work: () => void) => {
    syncing = true;
    try { work(); } finally { syncing = false; }
  };

  const drawings = () => layers.peek().find((l) => l.id === DRAWINGS_ID);
  // terra-draw works in the coordinates on screen: over a GCJ-02 basemap they are shifted ~480 m
  // from the WGS84 that state keeps, so shapes go back on the way in and out.
  const gcj = () => drawsInGcj02(basemap.peek());
  const toState = (g: Geometry) => (gcj() ? geometryFromDisplay(g) : g);
  /** The basemap's CRS when the drawings were last copied into terra-draw. */
  let loadedGcj = false;

  function loadDrawingsForEditing(): void {
    quietly(fillStore);
  }

  function fillStore(): void {
    draw.clear();
    const layer = drawings();
    loaded = layer?.fc ?? null;
    loadedGcj = gcj();
    if (!layer) return;
    const editable: GeoJSONStoreFeatures[] = layer.fc.features.flatMap((f) => {
      const g = f.geometry;
      if (!g || !["Point", "LineString", "Polygon"].includes(g.type)) return [];
      return [{ type: "Feature", id: String(f.properties?.id), geometry: loadedGcj ? geometryForDisplay(g) : g, properties: { mode: modeFor(g) } } as GeoJSONStoreFeatures];
    });
    // Features terra-draw rejects (ids it did not make, invalid rings) simply stay non-editable.
    draw.addFeatures(editable);
  }

  draw.on("change", (ids, type) => {
    if (syncing || !mode || mode === "select" || type === "delete") return;
    const feature = ids.length ? draw.getSnapshotFeature(ids[0]!) : undefined;
    // Measured in WGS84, like the stored shape, not in the shifted coordinates on screen.
    drawingMeasure.value = feature ? measureFeature({ ...(feature as Feature<Geometry>), geometry: toState(feature.geometry as Geometry) }) : null;
  });

  draw.on("finish", (id, context) => {
    const feature = draw.getSnapshotFeature(id) as Feature<Geometry> | undefined;
    if (!feature || syncing) return;
    if (context.action === "draw") {
      quietly(() => draw.removeFeatures([id]));
      drawingMeasure.value = null;
      const center = map.getCenter();
      addDrawing({ type: "Feature", id: String(id), geometry: toState(feature.geometry), properties: {} }, drawingAccuracyM(map.getZoom(), center.lat));
    } else {
      quietly(() => updateFeatureGeometry(DRAWINGS_ID, String(id), toState(feature.geometry)));
      loaded = drawings()?.fc ?? null;
    }
  });

  draw.on("change", (ids, type) => {
    // The Delete key in select mode removes the feature from terra-draw; mirror it in state.
    if (syncing || mode !== "select" || type !== "delete") return;
    quietly(() => {
      for (const id of ids) if (drawings()?.fc.features.some((f) => String(f.properties?.id) === String(id))) deleteFeature(DRAWINGS_ID, String(id));
    });
    loaded = drawings()?.fc ?? null;
  });

  draw.on("select", (id) => select({ layerId: DRAWINGS_ID, featureId: String(id) }));

  // Undo/redo or attribute edits change the drawings while editing, and a basemap switch moves them
  // on screen: reload them into terra-draw.
  effect(() => {
    const fc = layers.value.find((l) => l.id === DRAWINGS_ID)?.fc ?? null;
    const shifted = drawsInGcj02(basemap.value);
    if (!syncing && mode === "select" && (fc !== loaded || shifted !== loadedGcj)) loadDrawingsForEditing();
  });

  return {
    setMode(next) {
      mode = next;
      drawingMeasure.value = null;
      if (next === null) {
        quietly(() => draw.clear());
        draw.setMode("static");
        loaded = null;
        return;
      }
      if (next === "select") loadDrawingsForEditing();
      else quietly(() => draw.clear());
      draw.setMode(next);
    },
  };
}
