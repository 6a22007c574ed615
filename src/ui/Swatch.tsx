import type { Swatch as SwatchSpec } from "../map/layers/layer-def.ts";

/** A legend symbol drawn with SVG so it matches the map's dashes, hatching and hollow points. */
export function Swatch({ swatch }: { swatch: SwatchSpec }) {
  const c = swatch.color;
  if (swatch.shape === "circle") {
    const r = (swatch.size ?? 8) / 2 + 1;
    return (
      <svg class="swatch" width="22" height="16" aria-hidden="true">
        <circle cx="11" cy="8" r={Math.min(r, 7)} fill={swatch.hollow ? "#fff" : c} stroke={c} stroke-width="2" />
      </svg>
    );
  }
  if (swatch.shape === "line") {
    return (
      <svg class="swatch" width="22" height="16" aria-hidden="true">
        <line x1="1" y1="8" x2="21" y2="8" stroke={c} stroke-width="3" stroke-dasharray={swatch.dashed ? "4 3" : undefined} />
      </svg>
    );
  }
  const id = `hatch-${c.slice(1)}`;
  return (
    <svg class="swatch" width="22" height="16" aria-hidden="true">
      {swatch.hatched && (
        <defs>
          <pattern id={id} width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="5" stroke={c} stroke-width="2" />
          </pattern>
        </defs>
      )}
      <rect x="1" y="2" width="20" height="12" fill={swatch.hatched ? `url(#${id})` : c} fill-opacity={swatch.hatched ? 1 : 0.35}
        stroke={c} stroke-width="1.5" stroke-dasharray={swatch.dashed ? "3 2" : undefined} />
    </svg>
  );
}
