// Draw the region map at build time (ctkb.regionmap): JSON on stdin, SVG on stdout.
// Boundaries: Natural Earth 1:50m (public domain) from npm's world-atlas; projection and paths
// with d3-geo. The page gets plain SVG: no tiles, no script, works offline and in print.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { geoMercator, geoPath, geoCentroid } from "d3-geo";
import { feature } from "topojson-client";

const require = createRequire(import.meta.url);
const atlas = JSON.parse(readFileSync(require.resolve("world-atlas/countries-50m.json"), "utf8"));
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const { width, height, countries, context, title, extent } = request;

const all = feature(atlas, atlas.objects.countries).features;
const byId = new Map(all.map((f) => [String(Number(f.id)), f]));
const focus = countries.map((c) => byId.get(String(c.numeric))).filter(Boolean);
// Fit the requested box (west, south, east, north), or else the countries with actors.
const [w, s, e, n] = extent || [];
const box = extent
  ? { type: "Feature", geometry: { type: "MultiPoint", coordinates: [[w, s], [e, n]] } }
  : { type: "FeatureCollection", features: focus };
const projection = geoMercator().fitExtent([[0, 0], [width, height]], box);
const path = geoPath(projection);
const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const out = [];
out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="group" aria-labelledby="map-title" class="ctkb-map-svg">`);
out.push(`<title id="map-title">${esc(title)}</title>`);
out.push(`<rect width="${width}" height="${height}" fill="#eaf2fb"/>`);
const contextIds = new Set(context.map(String));
for (const f of all) {
  if (!contextIds.has(String(Number(f.id)))) continue;
  out.push(`<path d="${path(f)}" fill="#f4f4f4" stroke="#9a9a9a" stroke-width="0.6"/>`);
}
for (const c of countries) {
  const f = byId.get(String(c.numeric));
  if (!f) continue;
  out.push(`<a href="${esc(c.href)}"><path d="${path(f)}" fill="#c9ddf2" stroke="#1f3f66" stroke-width="1"><title>${esc(c.label)}</title></path></a>`);
}
for (const c of countries) {
  const f = byId.get(String(c.numeric));
  if (!f) continue;
  const [x, y] = projection(c.anchor || geoCentroid(f));
  out.push(`<a href="${esc(c.href)}"><text x="${x.toFixed(1)}" y="${y.toFixed(1)}" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="13" font-weight="700" fill="#000" stroke="#fff" stroke-width="3" paint-order="stroke">${esc(c.name)}</text><text x="${x.toFixed(1)}" y="${(y + 15).toFixed(1)}" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="11" fill="#000" stroke="#fff" stroke-width="3" paint-order="stroke">${esc(c.count)}</text></a>`);
}
out.push("</svg>");
process.stdout.write(out.join("\n"));
