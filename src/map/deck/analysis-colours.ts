/**
 * Colours of the analysis overlays, shared by the deck.gl factories and the panel's legend (this
 * module has no deck.gl import, so the legend does not load deck.gl).
 */
export type Rgba = [number, number, number, number];

/** Redundancy: index = number of stations (0, 1, 2, 3+); darker greens for more. */
export const REDUNDANCY_RGBA: readonly Rgba[] = [[0, 0, 0, 0], [134, 239, 172, 90], [34, 197, 94, 120], [21, 128, 61, 150]];
export const UNCOVERED_RGBA: Rgba = [220, 38, 38, 90];
export const GAP_LINE_RGBA: Rgba = [127, 29, 29, 255];

/** Minutes → colour: within 5 / 10 / 15 minutes, up to 30, beyond reach. */
export const MINUTE_STOPS: ReadonlyArray<{ maxMinutes: number; rgba: Rgba }> = [
  { maxMinutes: 5, rgba: [22, 101, 52, 150] },
  { maxMinutes: 10, rgba: [74, 167, 80, 140] },
  { maxMinutes: 15, rgba: [202, 204, 60, 140] },
  { maxMinutes: 30, rgba: [234, 142, 50, 130] },
  { maxMinutes: Infinity, rgba: [185, 28, 28, 90] },
];

export const minutesRgba = (minutes: number): Rgba => MINUTE_STOPS.find((s) => minutes <= s.maxMinutes)!.rgba;

/** CSS colour of an overlay colour, for legends. */
export const cssRgba = ([r, g, b, a]: Rgba) => `rgba(${r}, ${g}, ${b}, ${(a / 255).toFixed(2)})`;
