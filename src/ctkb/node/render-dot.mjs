// Render Graphviz DOT sources to SVG at build time (ctkb.diagrams): JSON {name: dot} on stdin,
// JSON {name: svg} on stdout. Graphviz runs as WebAssembly from npm's @viz-js/viz, so the build
// needs no system package and the pages need no script.
import { instance } from "@viz-js/viz";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const sources = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const viz = await instance();
const out = {};
for (const [name, dot] of Object.entries(sources)) {
  const result = viz.render(dot, { format: "svg" });
  if (result.status !== "success") {
    process.stderr.write(`${name}: ${result.errors.map((e) => e.message).join("; ")}\n`);
    process.exit(1);
  }
  out[name] = result.output;
}
process.stdout.write(JSON.stringify(out));
