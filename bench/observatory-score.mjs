// Scores a loopback site with the MDN HTTP Observatory's own tests and
// grader, as its scan() does, but on the given ports (scan() takes none).
// Usage: node observatory-score.mjs HOST HTTPS_PORT HTTP_PORT
// Run from a directory where @mdn/mdn-http-observatory is installed
// (OBSERVATORY_DIR); prints one JSON object: score, grade, each test.
import path from "node:path";
import { pathToFileURL } from "node:url";

const [host, httpsPort, httpPort] = process.argv.slice(2);
const base = path.join(process.env.OBSERVATORY_DIR ?? ".", "node_modules/@mdn/mdn-http-observatory/src");
const load = (p) => import(pathToFileURL(path.join(base, p)).href);
const { retrieve } = await load("retriever/retriever.js");
const { ALL_TESTS } = await load("constants.js");
const { getGradeForScore, getScoreModifier } = await load("grader/grader.js");
const { MINIMUM_SCORE_FOR_EXTRA_CREDIT } = await load("grader/charts.js");

const r = await retrieve(host, { httpsPort, httpPort });
if (!r.responses.auto) {
  console.log(JSON.stringify({ error: "the site did not answer" }));
  process.exit(1);
}
let withBonus = 100;
let uncurved = 100;
const tests = {};
for (const test of ALL_TESTS) {
  const out = test(r);
  const m = out.result ? getScoreModifier(out.result) : 0;
  withBonus += m;
  if (m < 0) uncurved += m;
  tests[out.constructor.name] = { result: out.result, modifier: m };
}
const final = getGradeForScore(uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withBonus : uncurved);
console.log(JSON.stringify({ score: final.score, grade: final.grade, tests }));
