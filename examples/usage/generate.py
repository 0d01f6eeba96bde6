#!/usr/bin/env python3
"""Writes the sample logs of Quillpad, a made-up note-taking app, for 1-20 November 2026 (seeded, reproducible).

gateway.jsonl        an API gateway's envelopes around OpenAI Chat and Anthropic Messages responses (chat, rewrite)
litellm-spendlogs.jsonl  LiteLLM SpendLogs rows (the search-answers feature, routed through a LiteLLM proxy)
billing-export.csv   the team's own CSV export (nightly summarize batch jobs)
Run: python3 examples/usage/generate.py   (from the repository root or this folder)
"""
import csv, json, os, random

random.seed(2026_11)
here = os.path.dirname(os.path.abspath(__file__))
users = [f"u{i:02d}" for i in range(1, 13)]
heavy = {"u01": 3.0, "u02": 2.0, "u07": 1.5}


def calls(day, weekday_mean, weekend_mean):
    import datetime
    d = datetime.date(2026, 11, day)
    mean = weekend_mean if d.weekday() >= 5 else weekday_mean
    return max(0, int(random.gauss(mean, mean * 0.2)))


def user():
    return random.choices(users, [heavy.get(u, 1.0) for u in users])[0]


def stamp(day):
    return f"2026-11-{day:02d}T{random.randint(7, 21):02d}:{random.randint(0, 59):02d}:{random.randint(0, 59):02d}.{random.randint(0, 999):03d}Z"


with open(os.path.join(here, "gateway.jsonl"), "w") as out:
    n = 0
    for day in range(1, 21):
        for _ in range(calls(day, 22, 7)):
            n += 1
            t = stamp(day)
            u = user()
            if random.random() < 0.7:
                inp, cached, o = random.randint(800, 6000), 0, random.randint(60, 600)
                cached = (inp // 1024) * 1024 if random.random() < 0.5 else 0
                model = random.choice(["gpt-4o-mini-2024-07-18", "gpt-4o-2024-08-06"])
                body = {"id": f"chatcmpl-qp{n:05d}", "object": "chat.completion", "created": 0, "model": model,
                        "choices": [{"index": 0, "message": {"role": "assistant", "content": "..."}, "finish_reason": "stop"}],
                        "usage": {"prompt_tokens": inp, "completion_tokens": o, "total_tokens": inp + o,
                                  "prompt_tokens_details": {"cached_tokens": cached}, "completion_tokens_details": {"reasoning_tokens": 0}}}
                req = {"model": model.rsplit("-", 3)[0], "user": u, "messages": [{"role": "user", "content": "..."}], "metadata": {"feature": "chat"}}
                out.write(json.dumps({"timestamp": t, "request": req, "response": body}, separators=(",", ":")) + "\n")
            else:
                inp, o = random.randint(1500, 12000), random.randint(200, 1500)
                body = {"id": f"msg_qp{n:05d}", "type": "message", "role": "assistant", "model": "claude-haiku-4-5-20251001",
                        "content": [{"type": "text", "text": "..."}], "stop_reason": "end_turn", "stop_sequence": None,
                        "usage": {"input_tokens": inp, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0, "output_tokens": o}}
                req = {"model": "claude-haiku-4-5", "max_tokens": 2048, "metadata": {"user_id": u}, "messages": [{"role": "user", "content": "..."}]}
                out.write(json.dumps({"timestamp": t, "request": req, "response": body, "metadata": {"feature": "rewrite"}}, separators=(",", ":")) + "\n")

with open(os.path.join(here, "litellm-spendlogs.jsonl"), "w") as out:
    n = 0
    for day in range(1, 21):
        for _ in range(calls(day, 12, 4)):
            n += 1
            p, c = random.randint(3000, 9000), random.randint(100, 500)
            cached = random.choice([0, 0, 2048])
            row = {"request_id": f"chatcmpl-ll{n:05d}", "call_type": "acompletion", "spend": 0, "total_tokens": p + c,
                   "prompt_tokens": p, "completion_tokens": c, "startTime": stamp(day).replace("Z", "000Z"), "model": "gpt-4o-mini",
                   "model_group": "gpt-4o-mini", "custom_llm_provider": "openai", "user": "default_user_id", "end_user": user(),
                   "request_tags": ["search-answers"], "status": "success",
                   "metadata": {"status": "success", "usage_object": {"completion_tokens": c, "prompt_tokens": p, "total_tokens": p + c,
                                "completion_tokens_details": {"reasoning_tokens": 0}, "prompt_tokens_details": {"cached_tokens": cached}}}}
            out.write(json.dumps(row, separators=(",", ":")) + "\n")

with open(os.path.join(here, "billing-export.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["time", "request_id", "user", "feature", "provider", "model", "input_tokens", "cache_read_tokens", "output_tokens", "batch"])
    n = 0
    for day in range(1, 21):
        for _ in range(calls(day, 6, 6)):
            n += 1
            w.writerow([f"2026-11-{day:02d}T02:{random.randint(0, 59):02d}:00Z", f"sum-{n:05d}", user(), "summarize", "openai",
                        "gpt-4o-mini", random.randint(20000, 60000), 0, random.randint(300, 900), "true"])
