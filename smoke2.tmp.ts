import { readFileSync } from "node:fs";
import { unzipSync } from "fflate";
import { readShp } from "./src/io/import/read-shp";
const z = unzipSync(readFileSync("../shared/refdata/corpus/shapefile-js/SHP_Exclude.zip"));
for (const [n, b] of Object.entries(z)) if (n.endsWith(".shp")) {
  const view = new DataView(b.buffer, b.byteOffset);
  const r = readShp(b); console.log(JSON.stringify(r.records[0].geometry).slice(0, 2000));
}
const w = readShp(readFileSync("../shared/refdata/corpus/shapefile-js/files/TM_WORLD_BORDERS_SIMPL-0.3.shp"));
w.records.forEach((r,i)=> JSON.stringify(r.geometry).match(/-?\d+\.?\d*/g)!.forEach((v,j)=>{ if (Math.abs(+v)>180) console.log(i, v)}));
let c=0; for (const r of w.records) { const s=JSON.stringify(r.geometry); const m=[...s.matchAll(/\[(-?[\d.e-]+),(-?[\d.e-]+)\]/g)]; for (const x of m) if (Math.abs(+x[2])>90||Math.abs(+x[1])>180) { if (c++<8) console.log(x[0]); } }
