// Prices usages with the @pydantic/genai-prices calculator, for InferCost's conformance test.
// Input: JSONL of {"provider": id, "model": id, "timestamp": ISO-8601, "usage": {...}} on stdin (or a file argument).
// Output: one JSON line per input line: {"provider","model","input","output","total"} | {"none":true} | {"error": msg}.
import { calcPrice } from '@pydantic/genai-prices';
import fs from 'node:fs';

const text = fs.readFileSync(process.argv[2] ?? 0, 'utf8');
const out = [];
const warn = console.warn;
console.warn = () => {};
for (const line of text.split('\n')) {
  if (!line.trim()) continue;
  const c = JSON.parse(line);
  try {
    const r = calcPrice(c.usage, c.model, { providerId: c.provider, timestamp: new Date(c.timestamp) });
    out.push(JSON.stringify(r === null ? { none: true } : {
      provider: r.provider.id, model: r.model.id, input: r.input_price, output: r.output_price, total: r.total_price,
    }));
  } catch (e) {
    out.push(JSON.stringify({ error: String(e.message ?? e) }));
  }
}
console.warn = warn;
fs.writeFileSync(1, out.join('\n') + '\n');
