// Speed peer: prices the same usages with @pydantic/genai-prices in one process and reports records/s.
// Usage: node bench.mjs FILE.jsonl [repeats]   (lines as in conformance.mjs)
import { calcPrice } from '@pydantic/genai-prices';
import fs from 'node:fs';

const cases = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(l => l.trim()).map(l => JSON.parse(l));
for (const c of cases) c.date = new Date(c.timestamp);
const repeats = Number(process.argv[3] ?? 5);
console.warn = () => {};
let sink = 0;
// warm-up
for (const c of cases) { try { const r = calcPrice(c.usage, c.model, { providerId: c.provider, timestamp: c.date }); if (r) sink += r.total_price; } catch {} }
const times = [];
for (let i = 0; i < repeats; i++) {
  const t0 = process.hrtime.bigint();
  for (const c of cases) { try { const r = calcPrice(c.usage, c.model, { providerId: c.provider, timestamp: c.date }); if (r) sink += r.total_price; } catch {} }
  times.push(Number(process.hrtime.bigint() - t0) / 1e9);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(JSON.stringify({ peer: '@pydantic/genai-prices 0.1.8', node: process.version, records: cases.length, median_seconds: median, records_per_second: cases.length / median, sink }));
