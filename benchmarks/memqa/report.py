"""Aggregate scored streams into the memory-QA report (JSON + Markdown), per split and category."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.memqa.script import CATEGORIES

#: targets from issue 13 (held-out, embedded backend)
TARGETS = {"accuracy": 0.90, "category_accuracy": 0.75, "hallucination_rate": 0.02, "questions_answered": 0.95,
           "remarks_answered": 0.05}


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9' ]", " ", text.lower().replace("-", " "))).strip()


def _wer(refs: list[str], hyps: list[str]) -> float | None:
    pairs = [(_words(r), _words(h)) for r, h in zip(refs, hyps, strict=True) if _words(r)]
    if not pairs:
        return None
    import jiwer

    return round(jiwer.wer([r for r, _ in pairs], [h for _, h in pairs]), 3)


def _rate(n: int, d: int) -> float | None:
    return round(n / d, 3) if d else None


def summarize_split(runs: list[dict[str, Any]]) -> dict[str, Any]:
    questions = [q for r in runs for q in r.get("questions", [])]
    remarks = [x for r in runs for x in r.get("remarks", [])]
    sounds = [x for r in runs for x in r.get("sounds", [])]
    categories = {}
    for category in CATEGORIES:
        qs = [q for q in questions if q["category"] == category]
        if qs:
            categories[category] = {"n": len(qs), "correct": sum(q["correct"] for q in qs),
                                    "accuracy": _rate(sum(q["correct"] for q in qs), len(qs))}
    factual = [q for q in questions if q["category"] != "smalltalk"]
    answered_q = sum(q["answered"] for q in questions)
    answered_r = sum(r["answered"] for r in remarks)
    answered_s = sum(s["answered"] for s in sounds)
    cited = [q for q in questions if "citation_ok" in q]
    latencies = [q["first_audio_s"] for q in questions if q.get("first_audio_s") is not None]
    ratios = [r["stream_wall_ratio"] for r in runs if r.get("stream_wall_ratio") is not None]
    return {
        "streams": len(runs), "failed_streams": [r["stream"] for r in runs if "error" in r],
        "questions": len(questions), "correct": sum(q["correct"] for q in questions),
        "accuracy": _rate(sum(q["correct"] for q in questions), len(questions)),
        "categories": categories,
        "hallucinations": sum(q["hallucinated"] for q in factual),
        "hallucination_rate": _rate(sum(q["hallucinated"] for q in factual), len(factual)),
        "hallucinations_quoting_memory": sum(q["hallucinated"] and bool(q.get("invented_in_memory")) for q in factual),
        "gate": {
            "questions_answered": _rate(answered_q, len(questions)),
            "remarks_answered": _rate(answered_r, len(remarks)),
            "precision": _rate(answered_q, answered_q + answered_r + answered_s),
            "remarks": len(remarks), "non_speech_transcripts": sum(1 for s in sounds if s["heard"]),
            "non_speech_answered": answered_s,
        },
        "citation_ok": _rate(sum(q["citation_ok"] for q in cited), len(cited)), "cited": len(cited),
        "first_audio_p50_s": round(float(np.percentile(latencies, 50)), 2) if latencies else None,
        "asr_wer_remarks": _wer([r["said"] for r in remarks], [r["heard"] for r in remarks]),
        "asr_wer_questions": _wer([q["question"] for q in questions if q["voice"] != "typed"],
                                  [q["heard"] for q in questions if q["voice"] != "typed"]),
        "stream_wall_ratio_min": min(ratios) if ratios else None,
        "asr_dropped": sum(r.get("asr_dropped") or 0 for r in runs),
    }


def summarize_runs(runs: list[dict[str, Any]], meta: dict[str, Any]) -> dict[str, Any]:
    splits = sorted({r["split"] for r in runs})
    return {**meta, "splits": {s: summarize_split([r for r in runs if r["split"] == s]) for s in splits},
            "targets": TARGETS}


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.0f} %"


def markdown(report: dict[str, Any], runs: list[dict[str, Any]]) -> str:
    lines = [f"# Memory-QA — {report['split']} split, {report['backend']} backend"
             f"{' (TYPED questions: not the reported numbers)' if report['typed'] else ''}", "",
             f"`{report['command']}` · commit {report['machine'].get('git_commit')} · "
             f"{report['machine'].get('cpu')} × {report['machine'].get('cores')} · "
             f"{report['concurrency']} streams at once · {report['wall_s']:.0f} s", ""]
    splits = report["splits"]
    names = list(splits)
    lines += ["| category | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for category in CATEGORIES:
        cells = []
        for s in names:
            c = splits[s]["categories"].get(category)
            cells.append("–" if c is None else f"{c['correct']}/{c['n']} ({_pct(c['accuracy'])})")
        lines.append(f"| {category} | " + " | ".join(cells) + " |")
    rows = [
        ("**all questions**", lambda s: f"**{s['correct']}/{s['questions']} ({_pct(s['accuracy'])})**"),
        ("hallucination rate (non-small-talk)", lambda s: f"{s['hallucinations']} ({_pct(s['hallucination_rate'])})"),
        ("… of which quote a wrong transcript / OCR", lambda s: str(s["hallucinations_quoting_memory"])),
        ("questions answered (gate recall)", lambda s: _pct(s["gate"]["questions_answered"])),
        ("remarks answered (should be 0)",
         lambda s: f"{_pct(s['gate']['remarks_answered'])} of {s['gate']['remarks']}"),
        ("gate precision", lambda s: _pct(s["gate"]["precision"])),
        ("transcripts during music/singing / answered",
         lambda s: f"{s['gate']['non_speech_transcripts']} / {s['gate']['non_speech_answered']}"),
        ("citation overlaps the event", lambda s: f"{_pct(s['citation_ok'])} of {s['cited']}"),
        ("first answer audio p50", lambda s: "–" if s["first_audio_p50_s"] is None else f"{s['first_audio_p50_s']} s"),
        ("ASR WER remarks / questions", lambda s: f"{s['asr_wer_remarks']} / {s['asr_wer_questions']}"),
        ("stream/wall ratio (min) · ASR drops", lambda s: f"{s['stream_wall_ratio_min']} · {s['asr_dropped']}"),
    ]
    for label, cell in rows:
        lines.append(f"| {label} | " + " | ".join(cell(splits[s]) for s in names) + " |")
    failed = [r for r in runs if "error" in r]
    if failed:
        lines += ["", "**Streams that failed:** " + "; ".join(f"{r['stream']}: {r['error']}" for r in failed)]
    lines += ["", "## Wrong answers", "", "| stream | cat | asked | heard | answer | why |",
              "|---|---|---|---|---|---|"]
    for run in runs:
        for q in run.get("questions", []):
            if q["correct"]:
                continue
            why = ("not answered" if not q["answered"] else "; ".join(filter(None, [
                "HALLUCINATED" if q["hallucinated"] else "",
                f"invented {', '.join(q['invented_numbers'])}" if q["invented_numbers"] else "",
                "(in memory: ASR/OCR)" if q.get("invented_in_memory") else "",
                f"missing {' '.join(q.get('missing', []))}" if q.get("missing") else "",
                f"forbidden {' '.join(q.get('forbidden', []))}" if q.get("forbidden") else "",
                "no time in the event" if q["category"] == "when" else ""])) or "did not decline")
            cell = [run["stream"], q["category"], q["question"], q["heard"], q["answer"][:160], why]
            lines.append("| " + " | ".join(c.replace("|", "/") for c in cell) + " |")
    answered_remarks = [(r["stream"], x) for r in runs for x in r.get("remarks", []) + r.get("sounds", [])
                        if x["answered"]]
    if answered_remarks:
        lines += ["", "## Remarks / sounds that were answered", ""]
        lines += [f"- {s} @ {x['at']} s: heard “{x['heard']}” → “{x['answer'][:120]}”" for s, x in answered_remarks]
    return "\n".join(lines) + "\n"


def write_report(report: dict[str, Any], runs: list[dict[str, Any]], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps({"report": report, "runs": runs}, indent=1, default=str))
    (out / "report.md").write_text(markdown(report, runs))
