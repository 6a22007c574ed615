/**
 * Start-up paints the map once, complete, instead of once per arriving tile.
 *
 * The first data's tiles arrive over about half a second, source by source, and MapLibre paints a
 * frame for each. On software WebGL (SwiftShader: GPU-less projector PCs, VMs, headless Chromium)
 * every such frame costs the GPU process 0.1–0.3 s to draw, composite and read back, and the next
 * frame waits for it; all but the last are overwritten within the half second. So from the first
 * data until its tiles are all in, the map does not draw: repaints are held once every GeoJSON source
 * has its tiles on the way, and a frame that runs anyway (MapLibre asks for tiles and places labels
 * in frames) skips drawing, which leaves the page's paper colour, the map's own background, showing.
 * Anything else ends it for good, held or not yet: the user's hand on the map (MapLibre runs drags
 * and wheel zooms inside paints), a camera move, a resize, an error, a change to the map's data or
 * style, or MAX_HOLD_MS. A first change without GeoJSON (no package) means no hold.
 */

/** The part of a MapLibre map the hold uses. */
export interface HoldableMap {
  triggerRepaint(): void;
  on(type: string, listener: () => void): unknown;
  getSource(id: string): { loaded(): boolean } | undefined;
  isSourceLoaded(id: string): boolean;
  isMoving(): boolean;
  /** MapLibre's painter (internal): without it frames are never skipped, only repaints held. */
  painter?: { render(...args: never[]): unknown };
}

export const MAX_HOLD_MS = 2500;

export type HoldEnd = "loaded" | "changed" | "input" | "moved" | "resized" | "error" | "timeout";

/** How start-up's hold went: what ended it, how long it held, and how many paints it saved. */
export interface HoldOutcome {
  endedBy: HoldEnd;
  heldMs: number;
  /** Repaints asked for while holding, and not run. */
  skippedRepaints: number;
  /** Frames that ran before the tiles were in, and did not draw. */
  skippedDraws: number;
}

type State =
  | { kind: "waiting" }
  | { kind: "arming"; sources: string[]; since: number }
  | { kind: "holding"; sources: string[]; since: number }
  | { kind: "over"; outcome: HoldOutcome };

export class PaintHold {
  private state: State = { kind: "waiting" };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly repaint: () => void;
  private skippedRepaints = 0;
  private skippedDraws = 0;
  private lastFrameSkipped = false;
  /** A repaint was held after the last frame that drew. */
  private repaintHeld = false;
  private readonly settledWaiters: ((outcome: HoldOutcome) => void)[] = [];

  constructor(private readonly map: HoldableMap, private readonly now: () => number = () => performance.now()) {
    this.repaint = map.triggerRepaint.bind(map);
    map.triggerRepaint = () => {
      if (this.state.kind !== "holding") this.repaint();
      else {
        this.skippedRepaints++;
        this.repaintHeld = true;
      }
    };
    // The render that follows the sources' loading has asked for all their tiles: hold from there.
    map.on("render", () => {
      if (this.state.kind === "arming" && !this.map.isMoving() && this.state.sources.every((id) => this.map.getSource(id)?.loaded() ?? true)) {
        this.state = { kind: "holding", sources: this.state.sources, since: this.state.since };
      }
      this.endIfLoaded();
    });
    map.on("sourcedata", () => this.endIfLoaded());
    const painter = map.painter;
    if (painter) {
      const draw = painter.render.bind(painter);
      // A frame that finds every tile in draws, even while holding: MapLibre may go idle after it.
      painter.render = (...args: never[]) => {
        this.lastFrameSkipped = !(this.state.kind === "over" || this.state.kind === "waiting" || this.tilesIn(this.state.sources));
        if (!this.lastFrameSkipped) {
          this.repaintHeld = false;
          return draw(...args);
        }
        this.skippedDraws++;
      };
    }
    for (const input of ["mousedown", "mousemove", "touchstart", "wheel"]) map.on(input, () => this.end("input"));
    map.on("movestart", () => this.end("moved"));
    map.on("resize", () => this.end("resized"));
    map.on("error", () => this.end("error"));
  }

  /**
   * Called after every change the bridge makes: the first arms the hold if it adds GeoJSON sources;
   * any other ends it (its tiles would only be asked for by a paint).
   */
  changed(geojsonSources: string[]): void {
    if (this.state.kind === "waiting" && geojsonSources.length) {
      this.state = { kind: "arming", sources: geojsonSources, since: this.now() };
      this.timer = setTimeout(() => this.end("timeout"), MAX_HOLD_MS);
    } else this.end("changed");
  }

  /** How start-up's hold went, once it is over; for tests. */
  outcome(): HoldOutcome | null {
    return this.state.kind === "over" ? this.state.outcome : null;
  }

  /**
   * Resolves once frames draw again: at once when there is no hold (no data yet, or over), else when
   * it ends. A PNG export waits for this, so it copies the complete map, not a frame that skipped.
   */
  settled(): Promise<HoldOutcome | null> {
    if (this.state.kind === "waiting" || this.state.kind === "over") return Promise.resolve(this.outcome());
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  private tilesIn(sources: string[]): boolean {
    return sources.every((id) => !this.map.getSource(id) || this.map.isSourceLoaded(id));
  }

  private endIfLoaded(): void {
    if (this.state.kind === "holding" && this.tilesIn(this.state.sources)) this.end("loaded");
  }

  private end(endedBy: HoldEnd): void {
    const was = this.state;
    if (was.kind === "over") return;
    const heldMs = was.kind === "holding" || was.kind === "arming" ? Math.round(this.now() - was.since) : 0;
    this.state = { kind: "over", outcome: { endedBy, heldMs, skippedRepaints: this.skippedRepaints, skippedDraws: this.skippedDraws } };
    clearTimeout(this.timer);
    if (this.repaintHeld || this.lastFrameSkipped) this.repaint();
    for (const resolve of this.settledWaiters.splice(0)) resolve(this.state.outcome);
  }
}
