"""One session's memory: events in, sync windows → short-term clips → long-term memory, search out.

Longer than the ~400 lines the project aims for, on purpose for now: ingest (frames, transcripts,
sounds, audio), cutting and rebuilding clips when late events arrive, long-term ageing, the
summary and search all read and write the same buffers under one lock, so they live in one
object. The pure parts already sit beside it (windows, scenes, camera, audio, retrieval, index,
timeq, query). When it grows again, clip building and ageing are the next to move out, as pure
functions over those buffers.
"""

from __future__ import annotations

import bisect
import collections
import dataclasses
import logging
import math
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from memory.audio import ClipAudio
from memory.camera import READABLE, Arrival, CameraTracker, asked_labels, describe, now_words
from memory.embedding import TextEmbedder
from memory.index import CAMERA, SCREEN, SPEECH, Candidates, ClipIndex
from memory.people import Naming, link, link_words, names_in, namings, person_link
from memory.query import content_terms, names_a_sound, sound_labels
from memory.recorded import RECORDED_PREFIX, RECORDING, asks_about_recording, recorded_prompt
from memory.records import Clip, Evidence, SoundSpan, Visual, clip_id, clock_label, thumbnail_name
from memory.retrieval import search_index
from memory.scenes import SCENE_THRESHOLD, ClipCutter, FrameDistance
from memory.store import THUMBNAIL_NAME, Store, StoreUnavailable, WriteBatch, WriteBehind
from memory.text import dedupe_texts, jaccard, normalise_space, tokens, vocabulary, words
from memory.timeq import TimeFocus, parse_time
from memory.windows import aggregate, build_windows
from perception.asr import heard_as_speech, sung
from perception.events import AudioChunk, CameraView, FrameFeatures, SoundEvent, Transcript
from perception.vision import scene_change

log = logging.getLogger(__name__)

#: the provisional clip (still open, not yet finalised) answers "just now" questions
LIVE_ID = "live"
#: the latest camera frame, handed first to "now" questions
NOW_ID = "now"

#: a question → the image-embedding space of FrameFeatures.embedding (CLIP/SigLIP text tower)
ImageQuery = Callable[[str], "np.ndarray | None"]


@dataclass(frozen=True)
class MemoryConfig:
    step: float = 0.5  # sync window
    span: float = 5.0  # coarse window kept as clip detail
    lag: float = 3.0  # windows are final this far behind the newest event (late transcripts)
    stale: float = 3.0  # a frame stops counting as seen after this long without a successor
    min_clip: float = 2.0
    scene_threshold: float = SCENE_THRESHOLD
    max_clip: float = 10.0
    long_term_after: float = 60.0  # clips older than this are compressed
    max_merged: float = 120.0  # longest long-term entry built by merging similar clips
    merge_text: float = 0.8  # token overlap for "near-identical" clips
    #: a sound (music, singing) shorter than this is not remembered as heard: the tagger calls a
    #: few seconds of speech "music" or "singing" (memory-QA runs: every such misfire lasted ≤ 6 s,
    #: every song and hum played had a span of ≥ 7 s; benchmarks/README.md)
    min_sound: float = 7.0
    keyframes: int = 3
    summary_facts: int = 200
    summary_head: int = 20  # facts from the start that are never dropped
    candidates: int = 48  # dense and keyword hits gathered before ranking


@dataclass(frozen=True)
class _Live:
    clip: Clip
    thumbs: dict[str, bytes]
    tokens: tuple[str, ...]


class SessionMemory:
    """Incremental, synchronous and cheap on add_*: no model runs there. A cut clip is stored
    at once and embedded by `embed_pending` (on the service's embedding thread, or at the latest
    by the next `search`/`flush`), so search always sees every finalised clip. Thread-safe: the
    HTTP API and the answering side read while the event loop writes."""

    def __init__(
        self,
        session_id: str,
        *,
        embedder: TextEmbedder,
        writer: WriteBehind,
        store: Store,
        config: MemoryConfig = MemoryConfig(),
        distance: FrameDistance = scene_change,
        image_query: ImageQuery | None = None,
        schedule: Callable[[Callable[[], None]], object] | None = None,
        live: bool = True,
    ) -> None:
        """`schedule(fn)` runs fn on a worker thread (embedding); without it, clips are embedded
        when they are next needed."""
        self.session_id = session_id
        self.live = live
        self.version: int | None = None
        self._embedder = embedder
        self._writer = writer
        self._store = store
        self._distance = distance
        self._image_query = image_query
        self._schedule = schedule
        self._cfg = config
        self._lock = threading.RLock()
        self._embed_lock = threading.Lock()  # taken before _lock, never inside it
        self._clips: dict[int, Clip] = {}
        self._unembedded: dict[int, Clip] = {}
        self._embed_scheduled = False
        self._short: list[int] = []  # seqs of clips not yet compressed, in order
        self._last_long: int | None = None  # seq of the newest compressed clip
        self._index = ClipIndex(embedder.dim)
        self._thumbs: dict[str, bytes] = {}  # keyframes of short-term clips
        self._frames: dict[str, list[FrameFeatures]] = {}
        self._utterances: list[Transcript] = []
        self._sounds: dict[str, list[SoundSpan]] = {}
        self._facts: list[tuple[float, str]] = []
        self._camera = CameraTracker()
        #: the user's remarks that named someone, tied to the camera's arrivals (memory/people.py)
        self._namings: list[Naming] = []
        self.audio = ClipAudio()
        self._audio_failed = False
        #: camera appear / leave events (stream time, text), in time order
        self._sightings: list[tuple[float, str]] = []
        self._last_seen: dict[str, str] = {}
        self._watermark = 0.0  # newest event time
        self._final = 0.0  # windows before this are final
        self._next_seq = 0
        self._created = time.time()
        self._load_error: str | None = None
        self._events = 0
        self._live_cache: tuple[tuple[float, float, int], _Live | None] | None = None
        self._cutter = ClipCutter(distance, config.scene_threshold, config.min_clip, config.max_clip)

    # ---- ingest (hot path) ------------------------------------------------------------------

    def add_frame(self, f: FrameFeatures) -> None:
        with self._lock:
            frames = self._frames.setdefault(f.source, [])
            if frames and f.t < frames[-1].t:
                bisect.insort(frames, f, key=lambda x: x.t)
            else:
                frames.append(f)
            if f.camera is not None:
                self._sighted(f)
            self._saw(f.t)

    def _sighted(self, f: FrameFeatures) -> None:
        """Appear / leave events into the summary and the clips they fall in."""
        for t, text in self._camera.update(f.t, f.camera):
            bisect.insort(self._sightings, (t, text))
            self._add_fact(t, f"camera: {text}")
            if t < self._final:
                self._amend(t, t + 1e-6)

    def add_audio(self, chunk: AudioChunk) -> None:
        """Keep the stream's audio (compressed) for audio-capable models; call it off the event
        loop: encoding costs ~1–2 % of a core."""
        try:
            self.audio.add(chunk)
        except Exception:  # e.g. an FFmpeg without libopus: answers lose the audio, nothing else
            if not self._audio_failed:
                log.exception("keeping the audio of session %s failed", self.session_id)
            self._audio_failed = True

    def add_transcript(self, t: Transcript) -> None:
        with self._lock:
            for tag in t.sound_tags:
                self._add_span(SoundSpan(t.start, t.end, tag))
            if sung(t.text) and "singing" not in t.sound_tags:  # the tagger heard speech, Whisper "la la"
                self._add_span(SoundSpan(t.start, t.end, "singing"))
            text = normalise_space(t.text) if heard_as_speech(t.text, t.sound_tags) else ""
            if text and t.speaker == "user" and recorded_prompt(text):
                t = dataclasses.replace(t, speaker=RECORDING)  # a phone prompt in the room is not the user
            if text:
                u = dataclasses.replace(t, text=text if t.speaker == "user" else f"({t.speaker}) {text}")
                bisect.insort(self._utterances, u, key=lambda x: x.start)
                if t.speaker == "user":
                    self._namings += namings(t.start, text)
                self._add_fact(t.start, f'said "{text}"' if t.speaker == "user" else f'{t.speaker} said "{text}"')
            if t.start < self._final and (text or t.sound_tags):
                self._amend(t.start, t.end)
            self._saw(t.end)

    def add_sound(self, e: SoundEvent) -> None:
        with self._lock:
            span = self._add_span(SoundSpan(e.start, e.end, e.label))
            if span is not None and span.start < self._final:
                self._amend(span.start, span.end)
            self._saw(e.end)

    def flush(self, now: float | None = None) -> None:
        """Finalise everything up to `now` (or the newest event), cut the open clip, persist.

        The session's end: it stops being live (the service may then swap this copy for the
        stored one) until `MemoryService.open_session` continues it.
        """
        with self._lock:
            end = self._watermark = max(now or 0.0, self._watermark)
            self._finalise(math.ceil(end / self._cfg.step - 1e-9) * self._cfg.step)
            start = self._cutter.close()
            if start is not None and self._final > start:
                self._cut(start, self._final)
            self._age()
        try:
            self.embed_pending()
        except Exception:  # the clips are stored already; their vectors follow on the next search
            log.exception("embedding clips of session %s failed", self.session_id)
        with self._lock:
            self._writer.submit(self.session_id, WriteBatch(meta=self._meta()))
            self.live = False
        self._writer.flush()

    def embed_pending(self) -> None:
        """Embeds clips cut or changed since the last call (one batch) and indexes them."""
        with self._embed_lock:
            with self._lock:
                work = list(self._unembedded.values())
                self._unembedded.clear()
                self._embed_scheduled = False
            if not work:
                return
            try:
                vectors = self._embedder.embed([c.index_text for c in work])
            except Exception:
                with self._lock:
                    for clip in work:
                        self._unembedded.setdefault(clip.seq, clip)
                raise
            with self._lock:
                for clip, vector in zip(work, vectors):
                    if self._clips.get(clip.seq) is clip:  # not changed or merged away meanwhile
                        self._put(dataclasses.replace(clip, embedding=vector))

    # ---- reading ------------------------------------------------------------------------------

    @property
    def clip_count(self) -> int:
        """Without the lock (len() of a dict is atomic in CPython): a metrics scrape never waits on memory."""
        return len(self._clips)

    @property
    def warning(self) -> str | None:
        return self._writer.warning or self._load_error

    def search(self, query: str, now: float, k: int = 3, audio_clips: int = 0) -> list[Evidence]:
        """Top-k moments for a question asked at stream time `now`, best first; the first
        `audio_clips` carry their audio (decoding costs ~2 ms CPU per clip second: only for
        models that listen). After them, a moment for each person the question names whom the
        user named (`Evidence.person`)."""
        return self._search(query, now, k, audio_clips) + self.named(query)

    def named(self, query: str) -> list[Evidence]:
        """For each person `query` names that a remark named: the naming and the arrival tied to it."""
        with self._lock:
            links = link(self._namings, self._camera.arrivals)
            asked = names_in(query, list(links))
            if not asked:
                return []
            view = self.camera_now()
            in_view = now_words(view[1], view[2]) if view is not None else None
            people = [person_link(*links[name], bool(self._camera.arrivals), in_view) for name in asked]
            at = [p.named_at if p.arrived_at is None else p.arrived_at for p in people]
            clips = [next((c for c in self._clips.values() if c.start <= t < c.end), None) for t in at]
        out = []
        for person, t, clip in zip(people, at, clips):
            frames = self._evidence(clip, 1.0).keyframes if clip is not None else ()
            out.append(Evidence(clip.id if clip is not None else f"person:{person.name}", t,
                                person.left_at if person.left_at is not None else t, link_words(person), 1.0,
                                frames, person=person))
        return out

    def _search(self, query: str, now: float, k: int, audio_clips: int) -> list[Evidence]:
        self.embed_pending()
        with self._lock:
            focus = parse_time(query, now, self._start(), self._heard())
            live = self._live() if self.live else None
            if focus.now:  # the present: the latest camera frame first, then the newest clips
                view = self.camera_now()
                newest = ([_now_evidence(*view)] if view is not None else []) + self._newest(live, k)
                return self._with_audio(newest, audio_clips)
        said = None  # X, when X was a remark: what came after (before) it in X's own clips counts too
        if focus.event:  # "after X": find X first, then look after its clip
            event = self._event(focus.event, now)
            # a sound in a setting ("music while I was on hold", "during the call"): the clip that names
            # it ("please hold") need not be when the sound was (sealed6 and held-out had a "no" from it)
            anywhere = event is not None and focus.setting and any(sound_labels(word) for word in words(focus.query))
            if event is None and not focus.backdrop:
                return []  # X is not in memory: nothing came after or before it
            said = _said_in(event, focus.event) if event is not None and focus.relation != "during" else None
            if event is None or anywhere:
                focus = TimeFocus(focus.query)
            elif said is not None:  # X's clip is read from X on ("after") or up to X ("before")
                focus = focus.around(event.end if focus.relation == "before" else event.start,
                                     event.start if focus.relation == "after" else event.end)
            else:
                focus = focus.around(event.start, event.end)
        # "my phone" is a "cell phone" to the camera, "anyone" a "person" (or "two people")
        labels = [word for label in asked_labels(query) for word in ((label, "people") if label == "person" else (label,))]
        # "was there humming?": the tagger calls it singing or music (not a sound the question left for its time)
        labels += dict.fromkeys(label for word in words(focus.query) for label in sound_labels(word))
        labels += [RECORDING] if asks_about_recording(focus.query or query) else []  # "(recording) …" said it
        text = " ".join([focus.query or query, *labels])
        # models run outside the lock: the event loop must not wait for them
        if live is not None and live.clip.embedding is None:
            qvec, live_vec = self._embedder.embed([text, live.clip.index_text])
            draft, live = live, dataclasses.replace(live, clip=dataclasses.replace(live.clip, embedding=live_vec))
            with self._lock:
                if self._live_cache is not None and self._live_cache[1] is draft:
                    self._live_cache = (self._live_cache[0], live)
        else:
            qvec = self._embedder.embed([text])[0]
        ivec = self._image_query(text) if self._image_query is not None and self._index.image is not None else None
        with self._lock:
            extra = self._live_candidate(live, qvec, text, ivec) if live is not None else None
            wanted = k + 2 * (said is not None)
            hits = search_index(self._index, text, qvec, focus, max(wanted, DISTINCT_FROM), self._cfg.candidates, ivec, extra)
            found = _distinct([(live.clip if seq < 0 else self._clips[seq], score) for seq, score in hits])[:wanted]
        found_evidence = [self._evidence(clip, score) for clip, score in found]  # thumbnails may come from disk
        if said is not None:  # X's own clips count only for what was said beside X in them
            found_evidence = [e for e in (_beside(e, said, focus.relation == "after") for e in found_evidence)
                              if e is not None][:k]
        return self._with_audio(found_evidence, audio_clips)

    def heard(self, start: float, end: float) -> tuple[str, ...]:
        """The sounds heard between `start` and `end` that lasted (`MemoryConfig.min_sound`)."""
        with self._lock:
            return tuple(dict.fromkeys(span.label for span in self._spans(start, end)))

    def _event(self, event: str, now: float) -> Evidence | None:
        """The moment of X in "after X": a clip holding one of X's words. A sound ("the singing")
        that was never heard long enough to be remembered has no moment (a heard one was already
        resolved by `parse_time`); the best clip for words that occur nowhere is no moment either."""
        if names_a_sound(event):
            return None
        if asks_about_recording(event):  # "before the phone message": the moment a recording spoke
            return next((e for e in self._search(f"{event} {RECORDING}", now, 3, 0) if _recorded(e.speech)), None)
        wanted = set(content_terms(event))
        return next((e for e in self._search(event, now, 3, 0) if not wanted or wanted & set(tokens(e.text))), None)

    def _with_audio(self, evidence: list[Evidence], clips: int) -> list[Evidence]:
        """The top `clips` with their audio (decoded only for these few)."""
        return [dataclasses.replace(e, audio_pcm=self.audio.pcm(e.start, e.end)) if i < clips and e.end > e.start
                else e for i, e in enumerate(evidence)]

    def camera_now(self) -> tuple[float, str, str] | None:
        """(time, words, quality) of the newest camera view while it is fresh, else None.

        "Now" questions read this instead of retrieval: what is in view is the latest frame, not
        the best-matching clip. Words are "" when the frame showed nothing nameable or could not
        be read (then `quality` says why: "too dark", "unavailable: …").
        """
        with self._lock:
            latest = [
                frames[-1] for source, frames in self._frames.items()
                if frames and frames[-1].camera is not None
            ]
            if not latest:
                return None
            f = max(latest, key=lambda x: x.t)
            if f.t < self._watermark - self._cfg.stale:
                return None
            quality = "" if f.camera.quality in READABLE else f.camera.quality
            return f.t, describe(f.camera), quality

    def vocabulary(self, limit: int = 40) -> str:
        """The words of what was said and shown, newest last, each once: what a question about the
        past is likely to name, given to the answer pass's ASR as Whisper's previous text."""
        with self._lock:
            facts = [text.split('"', 1)[-1] for _, text in reversed(self._facts)]  # 'said "…"' → '…"'
        return vocabulary(facts, limit)

    def timeline(self) -> list[dict[str, Any]]:
        with self._lock:
            return [_clip_json(c) for c in self._clips.values()]

    def summary(self) -> str:
        """Time-stamped key facts: what was said, what appeared on screen, when sounds played."""
        with self._lock:
            facts = list(self._facts)
            for label, spans in self._heard().items():
                facts += [(s.start, f"{label} from {clock_label(s.start)} to {clock_label(s.end)}") for s in spans[-20:]]
            facts.sort(key=lambda f: f[0])
            head = f"Session {self.session_id}: {clock_label(self._final)} of stream, {len(self._clips)} memory clips."
            return "\n".join([head] + [f"[{clock_label(t)}] {text}" for t, text in facts])

    def info(self) -> dict[str, Any]:
        with self._lock:
            return {
                "id": self.session_id,
                "live": self.live,
                "start": self._start(),
                "end": self._final,
                "clips": len(self._clips),
                "created": self._created,
                "warning": self.warning,
            }

    def thumbnail(self, name: str) -> bytes | None:
        """A keyframe of this session (JPEG), from RAM, the write buffer or the store."""
        with self._lock:
            if name in self._thumbs:
                return self._thumbs[name]
            cached = self._live_cache[1] if self._live_cache else None
            if cached is not None and name in cached.thumbs:
                return cached.thumbs[name]
        if not THUMBNAIL_NAME.fullmatch(name):
            return None
        data = self._writer.pending_thumbnail(self.session_id, name)
        if data is not None:
            return data
        try:
            return self._store.thumbnail(self.session_id, name)
        except StoreUnavailable:
            return None

    def keyframe_names(self, clip: str) -> tuple[str, ...]:
        """Thumbnail names of a clip returned by `search` (for URLs), () once it is gone."""
        with self._lock:
            if clip == LIVE_ID:
                cached = self._live_cache[1] if self._live_cache else None
                return cached.clip.keyframes if cached else ()
            found = self._clips.get(int(clip[1:])) if clip[:1] == "c" and clip[1:].isdigit() else None
            return found.keyframes if found else ()

    def duration(self) -> float:
        with self._lock:
            return max(self._final, self._watermark)

    # ---- restore ------------------------------------------------------------------------------

    def restore(self, meta: dict[str, Any], clips: list[Clip]) -> None:
        """Continue from what the store holds; the FAISS index is rebuilt from stored vectors
        (vectors of another embedder are recomputed)."""
        if meta.get("embedder", self._embedder.name) != self._embedder.name:
            clips = [dataclasses.replace(c, embedding=None) for c in clips]
        with self._lock:
            self._created = meta.get("created", self._created)
            self._final = self._watermark = float(meta.get("end", 0.0))
            self._next_seq = int(meta.get("next_seq", 0))
            self._facts = [(t, text) for t, text in meta.get("facts", [])]
            self._last_seen = dict(meta.get("last_seen", {}))
            people = meta.get("people", {})
            self._camera.arrivals = [Arrival(t, words, shirt, None if left is None else tuple(left))
                                     for t, words, shirt, left in people.get("arrivals", [])]
            self._namings = [Naming(*n) for n in people.get("namings", [])]
            self._sounds = {
                label: [SoundSpan(s, e, label) for s, e in spans] for label, spans in meta.get("sounds", {}).items()
            }
            for c in clips:
                self._clips[c.seq] = c
                if c.compressed:
                    self._last_long = c.seq
                else:
                    self._short.append(c.seq)
                if c.embedding is None:  # stored before its vector (a crash between), or another embedder's
                    self._unembedded[c.seq] = c
            with_vectors = [c for c in clips if c.embedding is not None]
            if with_vectors:
                self._index.add_many(
                    np.array([c.seq for c in with_vectors], np.int64),
                    np.array([c.start for c in with_vectors]),
                    np.array([c.end for c in with_vectors]),
                    np.stack([c.embedding for c in with_vectors]),
                    [tokens(c.index_text) for c in with_vectors],
                    np.array([_flags(c) for c in with_vectors], np.uint8),
                )
            with_images = [c for c in with_vectors if c.image_embedding is not None]
            if with_images:
                self._index.add_images(
                    np.array([c.seq for c in with_images], np.int64), np.stack([c.image_embedding for c in with_images])
                )
            self._next_seq = max(self._next_seq, max((c.seq + 1 for c in clips), default=0))
            if self._unembedded and self._schedule is not None:
                self._embed_scheduled = True
                self._schedule(self._embed_in_background)

    def note_load_error(self, message: str) -> None:
        self._load_error = message

    # ---- internals ----------------------------------------------------------------------------

    def _saw(self, t: float) -> None:
        self._events += 1
        if t > self._watermark:
            self._watermark = t
        self._finalise(math.floor((self._watermark - self._cfg.lag) / self._cfg.step + 1e-9) * self._cfg.step)

    def _finalise(self, target: float) -> None:
        if target <= self._final:
            return
        for w in build_windows(
            self._frames,
            self._utterances,
            self._spans(self._final, target),
            self._final,
            target,
            self._cfg.step,
            self._cfg.stale,
        ):
            closed = self._cutter.push(w)
            if closed is not None:
                self._cut(closed, w.start)
        self._final = target
        self._age()
        self._prune()

    def _spans(self, lo: float, hi: float) -> list[SoundSpan]:
        """The sounds heard between `lo` and `hi` (only those that lasted, see `_heard`)."""
        out = []
        for spans in self._sounds.values():
            i = bisect.bisect_left(spans, lo, key=lambda s: s.end)
            while i < len(spans) and spans[i].start < hi:
                if spans[i].end - spans[i].start >= self._cfg.min_sound:
                    out.append(spans[i])
                i += 1
        return out

    def _heard(self) -> dict[str, list[SoundSpan]]:
        """The sound spans long enough to be remembered as heard (`MemoryConfig.min_sound`); a
        shorter one is kept, as it may still grow into one."""
        return {label: kept for label, spans in self._sounds.items()
                if (kept := [s for s in spans if s.end - s.start >= self._cfg.min_sound])}

    def _add_span(self, span: SoundSpan) -> SoundSpan | None:
        """Merges a detection into its label's spans (gaps under 2 s close) and returns the merged
        span; speech is no tag, it is the transcript."""
        if span.label == "speech" or span.end < span.start:
            return None
        spans = self._sounds.setdefault(span.label, [])
        i = bisect.bisect_left(spans, span.start - 2.0, key=lambda s: s.end)
        start, end, j = span.start, span.end, i
        while j < len(spans) and spans[j].start <= span.end + 2.0:
            start, end = min(start, spans[j].start), max(end, spans[j].end)
            j += 1
        merged = SoundSpan(start, end, span.label)
        spans[i:j] = [merged]
        return merged

    def _add_fact(self, t: float, text: str) -> None:
        bisect.insort(self._facts, (t, text))
        if len(self._facts) > self._cfg.summary_facts:
            del self._facts[self._cfg.summary_head]

    def _start(self) -> float:
        first = next(iter(self._clips.values()), None)
        return first.start if first else 0.0

    def _build(
        self, seq: int, start: float, end: float, cid: str | None = None
    ) -> tuple[Clip, dict[str, bytes]] | None:
        """A clip (not yet embedded) from the buffered events over [start, end): a pure function
        of them, so a clip can be rebuilt when a late transcript arrives."""
        cfg = self._cfg
        windows = build_windows(
            self._frames, self._utterances, self._spans(start, end), start, end, cfg.step, cfg.stale
        )
        cid = cid or clip_id(seq)
        speech = [u.text for u in self._utterances if u.start < end and max(u.end, u.start + 1e-6) > start]
        by_source: dict[str, list[FrameFeatures]] = {}
        for w in windows:
            for f in w.frames:
                frames = by_source.setdefault(f.source, [])
                if not frames or frames[-1].t != f.t:
                    frames.append(f)
        sources = sorted(by_source, key=lambda s: (s != "screen", s))
        seen = tuple((s, text) for s in sources for text in dedupe_texts([f.text for f in by_source[s]]))
        views = [f.camera for s in sources for f in by_source[s] if f.camera is not None]
        picks: list[FrameFeatures] = []
        for slot in range(3):  # middle of each source first, then first and last frames
            for s in sources:
                frames = by_source[s]
                f = frames[[len(frames) // 2, 0, -1][slot]]
                if len(picks) < cfg.keyframes and f.thumbnail_jpeg and all(p is not f for p in picks):
                    picks.append(f)
        keyframes = tuple(thumbnail_name(cid, i) for i in range(len(picks)))
        images = [f.embedding for frames in by_source.values() for f in frames if f.embedding is not None]
        clip = Clip(
            id=cid,
            seq=seq,
            session_id=self.session_id,
            start=start,
            end=end,
            speech=tuple(dict.fromkeys(speech)),
            seen=seen,
            sound_tags=tuple(sorted({t for w in windows for t in w.sound_tags})),
            sights=_sights(views),
            camera_events=tuple(f"{text} at {clock_label(t)}" for t, text in self._sightings if start <= t < end),
            keyframes=keyframes,
            visuals=tuple(Visual.of(by_source[s][len(by_source[s]) // 2]) for s in sources),
            details=tuple(aggregate(windows, cfg.span)),
            image_embedding=_mean_unit(images) if images else None,
        )
        if clip.is_empty:
            return None
        return clip, {n: f.thumbnail_jpeg for n, f in zip(keyframes, picks)}

    def _cut(self, start: float, end: float) -> None:
        built = self._build(self._next_seq, start, end)
        if built is None:
            return
        clip, thumbs = built
        self._next_seq += 1
        self._short.append(clip.seq)
        for source, text in clip.seen:
            if jaccard(text, self._last_seen.get(source, "")) < self._cfg.merge_text:
                self._last_seen[source] = text
                self._add_fact(clip.start, f'{source} showed "{text}"')
        self._put(clip, WriteBatch(thumbs=thumbs))

    def _put(self, clip: Clip, batch: WriteBatch | None = None) -> None:
        """Keep, index (once embedded) and persist a new or changed clip."""
        batch = batch or WriteBatch()
        self._clips[clip.seq] = clip
        if clip.embedding is None:
            self._unembedded[clip.seq] = clip
            if self._schedule is not None and not self._embed_scheduled:
                self._embed_scheduled = True
                self._schedule(self._embed_in_background)
        else:
            self._index.upsert(
                clip.seq,
                clip.start,
                clip.end,
                clip.embedding,
                tokens(clip.index_text),
                _flags(clip),
                clip.image_embedding,
            )
        self._thumbs.update(batch.thumbs)
        batch.clips[clip.id] = clip
        batch.meta = self._meta()
        self._writer.submit(self.session_id, batch)

    def _embed_in_background(self) -> None:
        try:
            self.embed_pending()
        except Exception:
            log.exception("embedding clips of session %s failed; retried at the next search", self.session_id)

    def _amend(self, lo: float, hi: float) -> None:
        """A transcript or sound arrived after its windows were final: redo the clips it touches."""
        touched = []
        for seq in reversed(self._clips):  # late events are recent: stop at the first older clip
            clip = self._clips[seq]
            if clip.end <= lo:
                break
            if clip.start < hi or (clip.start == lo == hi):
                touched.append(clip)
        for old in touched:
            seq = old.seq
            if not old.compressed:
                built = self._build(seq, old.start, old.end, old.id)
                if built is not None:
                    self._put(built[0], WriteBatch(thumbs=built[1]))
                continue
            speech = tuple(
                dict.fromkeys(
                    old.speech + tuple(u.text for u in self._utterances if u.start < old.end and u.end > old.start)
                )
            )
            tags = tuple(sorted(set(old.sound_tags) | {s.label for s in self._spans(old.start, old.end)}))
            if (speech, tags) != (old.speech, old.sound_tags):
                self._put(dataclasses.replace(old, speech=speech, sound_tags=tags, embedding=None))

    def _age(self) -> None:
        """IXC2.5-OmniLive-style compression: old clips keep one keyframe and no per-window
        detail, and a run of near-identical clips becomes one entry."""
        cutoff = self._watermark - self._cfg.long_term_after
        while self._short and self._clips[self._short[0]].end <= cutoff:
            seq = self._short.pop(0)
            clip = self._clips[seq]
            for name in clip.keyframes:
                self._thumbs.pop(name, None)
            dropped = set(clip.keyframes[1:])
            short = dataclasses.replace(clip, keyframes=clip.keyframes[:1], details=(), compressed=True)
            prev = self._clips.get(self._last_long) if self._last_long is not None else None
            if prev is not None and self._similar(prev, short):
                images = [v for v in (prev.image_embedding, short.image_embedding) if v is not None]
                merged = dataclasses.replace(
                    prev,
                    end=short.end,
                    speech=tuple(dict.fromkeys(prev.speech + short.speech)),
                    seen=tuple(dict.fromkeys(prev.seen + short.seen)),
                    sights=tuple(dict.fromkeys(prev.sights + short.sights)),
                    camera_events=prev.camera_events + short.camera_events,
                    image_embedding=_mean_unit(images) if images else None,
                )
                if merged.index_text != prev.index_text:
                    merged = dataclasses.replace(merged, embedding=None)
                del self._clips[seq]
                self._unembedded.pop(seq, None)
                self._index.remove(seq)
                self._put(merged, WriteBatch(deleted_clips={clip.id}, deleted_thumbs=set(clip.keyframes)))
            else:
                self._last_long = seq
                self._put(short, WriteBatch(deleted_thumbs=dropped))

    def _similar(self, a: Clip, b: Clip) -> bool:
        if b.start - a.end > self._cfg.step or b.end - a.start > self._cfg.max_merged:
            return False
        if a.sound_tags != b.sound_tags or jaccard(a.index_text, b.index_text) < self._cfg.merge_text:
            return False
        va, vb = {v.source: v for v in a.visuals}, {v.source: v for v in b.visuals}
        if va.keys() != vb.keys():
            return False
        return all(
            self._distance(va[s].as_features(self.session_id), vb[s].as_features(self.session_id))
            <= self._cfg.scene_threshold / 2
            for s in va
        )

    def _prune(self) -> None:
        """Drop events no short-term clip can need again (a clip is rebuilt until compressed)."""
        horizon = self._final - self._cfg.long_term_after - self._cfg.max_clip - self._cfg.stale
        for frames in self._frames.values():
            i = bisect.bisect_left(frames, horizon, key=lambda f: f.t)
            if i >= len(frames):
                i = len(frames) - 1  # the latest frame is still "seen" until it goes stale
            if i > 0:
                del frames[:i]
        i = 0
        while i < len(self._utterances) and self._utterances[i].end < horizon:
            i += 1
        if i:
            del self._utterances[:i]
        del self._sightings[: bisect.bisect_left(self._sightings, (horizon, ""))]

    def _live(self) -> _Live | None:
        """The still-open stretch since the last cut as a provisional clip (cached; `search`
        embeds it)."""
        start = self._cutter.start if self._cutter.start is not None else self._final
        end = math.ceil(self._watermark / self._cfg.step - 1e-9) * self._cfg.step
        key = (start, end, self._events)
        if self._live_cache is not None and self._live_cache[0] == key:
            return self._live_cache[1]
        built = self._build(self._next_seq, start, end, LIVE_ID) if end - start >= self._cfg.step else None
        live = _Live(built[0], built[1], tuple(tokens(built[0].index_text))) if built else None
        self._live_cache = (key, live)
        return live

    def _live_candidate(self, live: _Live, qvec: np.ndarray, text: str, ivec: np.ndarray | None) -> Candidates:
        c = live.clip
        image = float(c.image_embedding @ ivec) if ivec is not None and c.image_embedding is not None else 0.0
        return Candidates(
            seqs=np.array([-1]),
            starts=np.array([c.start]),
            ends=np.array([c.end]),
            cosine=np.array([float(c.embedding @ qvec)]),
            keyword=np.array([self._index.keywords.score(tokens(text), live.tokens)]),
            flags=np.array([_flags(c)], np.uint8),
            image=np.array([image], np.float32),
        )

    def _newest(self, live: _Live | None, k: int) -> list[Evidence]:
        """The present: the still-open clip, then the latest finalised ones, newest first."""
        clips = ([live.clip] if live is not None else []) + [self._clips[seq] for seq in sorted(self._clips)[-k:][::-1]]
        return [self._evidence(clip, 1.0) for clip in clips[:k]]

    def _evidence(self, clip: Clip, score: float) -> Evidence:
        frames = tuple(data for data in (self.thumbnail(n) for n in clip.keyframes) if data)
        return Evidence(clip.id, clip.start, clip.end, clip.text, score, frames, sound_tags=clip.sound_tags,
                        speech=clip.speech, seen=clip.seen, sights=clip.sights, camera_events=clip.camera_events)

    def _meta(self) -> dict[str, Any]:
        return {
            "id": self.session_id,
            "created": self._created,
            "updated": time.time(),
            "start": self._start(),
            "end": self._final,
            "clips": len(self._clips),
            "next_seq": self._next_seq,
            "embedder": self._embedder.name,
            "facts": [list(f) for f in self._facts],
            "last_seen": self._last_seen,
            "people": {"arrivals": [[a.t, a.words, a.shirt, a.left] for a in self._camera.arrivals],
                       "namings": [[n.t, n.name, n.said, n.leaving] for n in self._namings]},
            "sounds": {label: [[s.start, s.end] for s in spans] for label, spans in self._sounds.items()},
        }


def _said_in(event: Evidence, words_of_x: str) -> str | None:
    """The remark of `event`'s clip that X names most ("after nobody answered": the one saying
    "nobody"), or None when X was no remark (a screen, a sound)."""
    if asks_about_recording(words_of_x):
        return next(iter(_recorded(event.speech)), None)
    wanted = set(content_terms(words_of_x))
    count, said = max(((len(wanted & set(tokens(s))), s) for s in event.speech), default=(0, None))
    return said if count else None


def _recorded(speech: tuple[str, ...]) -> list[str]:
    """The utterances memory kept as said by a recording."""
    return [s for s in speech if s.startswith(RECORDED_PREFIX)]


def _beside(evidence: Evidence, said: str, after: bool) -> Evidence | None:
    """`evidence` holding only the remarks after (or before) `said`, when it holds `said` (None when
    nothing was said beside it there): a remark straddles two clips, and "after X" must not be read
    from what X's clips say before X, nor skip what the later of them says after X."""
    if said not in evidence.speech:
        return evidence
    i = evidence.speech.index(said)
    beside = evidence.speech[i + 1:] if after else evidence.speech[:i]
    return dataclasses.replace(evidence, speech=beside) if beside else None


#: ranked clips the k distinct ones are taken from (12 keeps the candidate pool as it was: 4 × 12 = 48)
DISTINCT_FROM = 12


def _distinct(found: list[tuple[Clip, float]]) -> list[tuple[Clip, float]]:
    """The best of clips that hold the same words: a screen left up for minutes is one moment, not k
    of them crowding out the remark a question is about."""
    seen: set[str] = set()
    out = []
    for clip, score in found:
        if clip.index_text not in seen:
            seen.add(clip.index_text)
            out.append((clip, score))
    return out


def _now_evidence(t: float, words: str, quality: str) -> Evidence:
    """The latest camera frame as a moment of its own, first for "now" questions."""
    sight = now_words(words, quality)
    return Evidence(NOW_ID, t, t, f"Camera sees: {sight}", 1.0, sights=(sight,))


def _sights(views: list[CameraView]) -> tuple[str, ...]:
    """The distinct descriptions of a clip's camera views, most seen first (at most 3). A
    description seen in a single frame among many is a flicker of the detector, not a sight."""
    counts = collections.Counter(text for text in map(describe, views) if text)
    if not counts:
        return ()
    frames = sum(counts.values())
    kept = [text for text, n in counts.most_common(3) if n >= 2 or n / frames >= 0.3]
    return tuple(kept or [counts.most_common(1)[0][0]])


def _flags(clip: Clip) -> int:
    sources = {s for s, _ in clip.seen} | ({"camera"} if clip.sights else set())
    return (
        (SPEECH if clip.speech else 0) | (SCREEN if "screen" in sources else 0) | (CAMERA if "camera" in sources else 0)
    )


def _mean_unit(vectors: Iterable[np.ndarray]) -> np.ndarray:
    v = np.mean(np.stack([np.asarray(x, np.float32).ravel() for x in vectors]), axis=0)
    n = float(np.linalg.norm(v))
    return (v / n if n > 0 else v).astype(np.float32)


def _clip_json(c: Clip) -> dict[str, Any]:
    return {
        "id": c.id,
        "start": c.start,
        "end": c.end,
        "text": c.text,
        "speech": list(c.speech),
        "seen": [{"source": s, "text": t} for s, t in c.seen],
        "sound_tags": list(c.sound_tags),
        "keyframes": list(c.keyframes),
        "compressed": c.compressed,
        "details": [d.to_json() for d in c.details],
    }
