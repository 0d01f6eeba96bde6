// Extracts usage from response bodies with @pydantic/genai-prices, for InferCost's extraction conformance test.
// Input: JSONL of {"provider": id, "flavor": name, "body": {...}}. Output per line: {"model", "usage"} | {"error"}.
import { extractUsage, findProvider } from '@pydantic/genai-prices';
import fs from 'node:fs';

const text = fs.readFileSync(process.argv[2] ?? 0, 'utf8');
const out = [];
console.warn = () => {};
for (const line of text.split('\n')) {
  if (!line.trim()) continue;
  const c = JSON.parse(line);
  try {
    const provider = findProvider({ providerId: c.provider });
    const r = extractUsage(provider, c.body, c.flavor);
    out.push(JSON.stringify({ model: r.model, usage: r.usage }));
  } catch (e) {
    out.push(JSON.stringify({ error: String(e.message ?? e) }));
  }
}
fs.writeFileSync(1, out.join('\n') + '\n');
