"""Text chart of the queue model against NVIDIA's published NIM concurrency sweep (docs/serving.md).

Usage: infercost serve-cost --model llama-3.1-70b --gpu h100 --gpus 2 --precision fp8 --engine trtllm \
         --isl 5000 --osl 500 --gpu-hour-price 3 --concurrency-sweep 1,5,25,50,100,150,200,250 --json | python3 nim_sweep.py
Published: https://docs.nvidia.com/nim/benchmarking/llm/1.0.0/performance (NIM 1.8.0, Llama 3.3 70B, 2 x H100, FP8 TP2,
5000 input / 500 output tokens; TTFT, ITL and throughput as published, averages).
"""
import json
import math
import sys

PUBLISHED = {  # concurrency: (TTFT ms, ITL ms, output tok/s)
    1: (406.77, 18.58, 51.67), 5: (546.7, 21.83, 218.48), 25: (688.69, 38.75, 623.4), 50: (834.51, 59.73, 814.37),
    100: (7996.25, 92.91, 917.26), 150: (34794.22, 92.86, 920.9), 200: (61680.22, 93.06, 920.54), 250: (88605.32, 93.2, 920.12),
}


def bar(value, top, width=30, log=False):
    if log:
        value, top = math.log10(max(value, 1)), math.log10(top)
    return "#" * max(1, round(width * value / top))


sweep = {p["concurrency"]: p for p in json.load(sys.stdin)["concurrency_sweep"]}
for title, key, index, log in (("TTFT ms (log scale)", "ttft_p50_ms", 0, True), ("ITL ms", "itl_mean_ms", 1, False), ("output tok/s", "output_tokens_per_second", 2, False)):
    top = max(max(PUBLISHED[c][index] for c in sweep), max(p[key] for p in sweep.values()))
    print(f"{title}: published (P) vs model (M)")
    for c, p in sorted(sweep.items()):
        pub = PUBLISHED[c][index]
        print(f"  c={c:<4} P {bar(pub, top, log=log):<30} {pub:>10,.1f}")
        print(f"         M {bar(p[key], top, log=log):<30} {p[key]:>10,.1f}")
    print()
