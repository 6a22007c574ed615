import { readFileSync, readdirSync } from "node:fs";
import { importFile, importFiles } from "./src/io/import/import-file";
import { xmldomParseXml } from "./src/io/import/xmldom-parse-xml";
const dir = "../shared/refdata/corpus/shapefile-js/";
for (const f of [...readdirSync(dir).filter(n=>/\.zip$/.test(n)).map(n=>dir+n), dir+"files/TM_WORLD_BORDERS_SIMPL-0.3.zip", dir+"files/empty-shp.zip", dir+"from-pull-requests/pr187-files/shenzhen4547.zip", dir+"from-pull-requests/pr181-test-data/multiple.zip"]) {
  try {
    const r = await importFile({ name: f.split("/").pop()!, bytes: readFileSync(f) }, { parseXml: xmldomParseXml });
    if (r.kind !== "layers") continue;
    for (const l of r.layers) console.log(f.split("/").pop(), l.name, l.fc.features.length, l.sourceCrs.crs.code, l.sourceCrs.confidence, JSON.stringify(l.fc.features[0]?.properties).slice(0,120), JSON.stringify(l.fc.features[0]?.geometry).slice(0,100));
    console.log("  warnings", r.warnings.map(w=>w.message.en).slice(0,3));
  } catch (e: any) { console.log(f, "ERR", e.name, e.message); }
}
