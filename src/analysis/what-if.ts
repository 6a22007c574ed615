/**
 * What-if edits on a life-circle result: add, move or remove one facility and update only the cells the
 * change can reach (within the facility's straight-line influence radius, or the cells it used to
 * serve). Network results are recomputed for the edited category, since a new node can shorten
 * paths anywhere in the graph.
 */
import { forEachDemandWithin, nearestSiteFinder } from "./coverage-counts.ts";
import {
  categoryAccess,
  influenceRadiusM,
  lifeCircleCompliance,
  straightLineMinutes,
  type CategoryAccess,
  type Facility,
  type LifeCircleResult,
  type LifeCircleStandards,
} from "./life-circle.ts";
import { GeoInputError } from "./validate-geojson.ts";

export type FacilityEdit =
  | { type: "add"; category: string; facility: Facility }
  | { type: "remove"; category: string; id: string }
  | { type: "move"; category: string; id: string; lng: number; lat: number };

/** The updated result plus how many cells were re-examined (the incremental work). */
export interface EditOutcome {
  result: LifeCircleResult;
  cellsExamined: number;
}

function assertLngLat(lng: number, lat: number): void {
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90) {
    throw new GeoInputError(`what-if: coordinate [${lng}, ${lat}] is not a valid [lng, lat]`);
  }
}

function addFacility(result: LifeCircleResult, access: CategoryAccess, facility: Facility): { access: CategoryAccess; examined: number } {
  const facilities = [...access.facilities, facility];
  const minutes = access.minutes.slice();
  const nearest = access.nearest.slice();
  const index = facilities.length - 1;
  let examined = 0;
  forEachDemandWithin(result.demand, facility.lng, facility.lat, influenceRadiusM(result.settings), (i) => {
    examined++;
    const m = straightLineMinutes(result.settings, facility, result.demand.lng[i]!, result.demand.lat[i]!);
    if (m < minutes[i]!) { minutes[i] = m; nearest[i] = index; }
  });
  return { access: { ...access, facilities, minutes, nearest }, examined };
}

function removeFacility(result: LifeCircleResult, access: CategoryAccess, id: string): { access: CategoryAccess; examined: number } {
  const removed = access.facilities.findIndex((f) => f.id === id);
  if (removed < 0) throw new GeoInputError(`what-if: no facility "${id}" in category "${access.category}"`);
  const facilities = access.facilities.filter((_, i) => i !== removed);
  const minutes = access.minutes.slice();
  const nearest = access.nearest.slice();
  const finder = nearestSiteFinder(facilities);
  const reach = influenceRadiusM(result.settings);
  let examined = 0;
  for (let i = 0; i < nearest.length; i++) {
    if (nearest[i]! > removed) nearest[i]!--;
    else if (nearest[i] === removed) {
      examined++;
      const hit = finder(result.demand.lng[i]!, result.demand.lat[i]!);
      const ok = hit.index >= 0 && hit.distanceM <= reach;
      nearest[i] = ok ? hit.index : -1;
      minutes[i] = ok ? straightLineMinutes(result.settings, facilities[hit.index]!, result.demand.lng[i]!, result.demand.lat[i]!) : Infinity;
    }
  }
  return { access: { ...access, facilities, minutes, nearest }, examined };
}

/**
 * Applies one facility edit and returns a new result; the input result is not changed.
 * @example
 * const { result: after } = applyFacilityEdit(before, { type: "add", category: "kindergarten",
 *   facility: { id: "new-1", name: "新幼儿园", lng: 120.92, lat: 30.85, proxy: false } });
 * compareScenarios(before, after, standards)
 */
export function applyFacilityEdit(result: LifeCircleResult, edit: FacilityEdit): EditOutcome {
  const position = result.categories.findIndex((c) => c.category === edit.category);
  if (position < 0) throw new GeoInputError(`what-if: unknown category "${edit.category}"`);
  const access = result.categories[position]!;
  let updated: { access: CategoryAccess; examined: number };
  if (edit.type === "add") assertLngLat(edit.facility.lng, edit.facility.lat);
  if (edit.type === "move") assertLngLat(edit.lng, edit.lat);
  if (result.settings.network) {
    const facilities = edit.type === "add" ? [...access.facilities, edit.facility]
      : edit.type === "remove" ? access.facilities.filter((f) => f.id !== edit.id)
      : access.facilities.map((f) => (f.id === edit.id ? { ...f, lng: edit.lng, lat: edit.lat } : f));
    if (edit.type !== "add" && !access.facilities.some((f) => f.id === edit.id)) throw new GeoInputError(`what-if: no facility "${edit.id}" in category "${access.category}"`);
    updated = { access: { ...access, facilities, ...categoryAccess(result.demand, facilities, result.settings, result.roads) }, examined: result.demand.count };
  } else if (edit.type === "add") {
    updated = addFacility(result, access, edit.facility);
  } else if (edit.type === "remove") {
    updated = removeFacility(result, access, edit.id);
  } else {
    const original = access.facilities.find((f) => f.id === edit.id);
    if (!original) throw new GeoInputError(`what-if: no facility "${edit.id}" in category "${access.category}"`);
    const without = removeFacility(result, access, edit.id);
    const moved = addFacility(result, without.access, { ...original, lng: edit.lng, lat: edit.lat });
    updated = { access: moved.access, examined: without.examined + moved.examined };
  }
  const categories = result.categories.slice();
  categories[position] = updated.access;
  return { result: { ...result, categories }, cellsExamined: updated.examined };
}

/** Per township and category: compliance share before and after, and the change in percentage points. */
export interface ScenarioDelta {
  code: string;
  name: string;
  category: string;
  share_a: number;
  share_b: number;
  delta_pct_points: number;
}

/**
 * Compares two results on the same demand, e.g. before and after edits.
 * @example compareScenarios(before, after, standards).filter((d) => d.delta_pct_points !== 0)
 */
export function compareScenarios(a: LifeCircleResult, b: LifeCircleResult, standards: LifeCircleStandards): ScenarioDelta[] {
  if (a.demand.count !== b.demand.count) throw new GeoInputError("compareScenarios: the two results use different demand");
  const before = lifeCircleCompliance(a, standards);
  const after = new Map(lifeCircleCompliance(b, standards).map((row) => [`${row.code}|${row.category}`, row]));
  return before.map((row) => {
    const other = after.get(`${row.code}|${row.category}`);
    const shareB = other?.share ?? 0;
    return { code: row.code, name: row.name, category: row.category, share_a: row.share, share_b: shareB, delta_pct_points: 100 * (shareB - row.share) };
  });
}
