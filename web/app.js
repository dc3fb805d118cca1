// Livesight page: one RTCPeerConnection (mic + camera and/or screen + a datachannel of typed JSON events).
"use strict";
const $ = (sel) => document.querySelector(sel);
const state = { pc: null, dc: null, sessionId: null, streams: [], answers: new Map(), ready: false, timers: [], iceServers: [] };
const SIGN_IN = "not signed in: open the address `livesight serve` printed (it ends in ?token=…)";

function clock(seconds) {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  const mm = String(m).padStart(2, "0"), ss = String(sec).padStart(2, "0");
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
function setStatus(text, stateName) { const el = $("#status"); el.textContent = text; el.dataset.state = stateName || text; }
function showError(message) { const el = $("#error"); el.textContent = message; el.hidden = !message; }

async function pollModels() {
  try {
    const res = await fetch("/api/status");
    const body = await res.json();
    const steps = body.models.steps;
    const done = steps.filter((s) => s.state === "ready").length;
    const failed = steps.filter((s) => s.state === "failed");
    state.ready = body.models.ready && body.authenticated;
    state.iceServers = body.ice_servers || [];
    if (!body.authenticated) $("#models").textContent = SIGN_IN;
    else if (failed.length) $("#models").textContent = "model failed: " + failed.map((s) => `${s.name} (${s.error})`).join(", ");
    else if (state.ready) $("#models").textContent = "models ready";
    else {
      const loading = steps.find((s) => s.state === "loading");
      $("#models").textContent = `loading models ${done}/${steps.length}` + (loading ? ` — ${loading.name}…` : "");
    }
    $("#start").disabled = !state.ready || !!state.pc;
    $("#start").title = state.ready ? "" : body.authenticated ? "waiting for the models to load" : SIGN_IN;
    if (!body.models.ready && !failed.length) setTimeout(pollModels, 700);
  } catch (err) {
    $("#models").textContent = "server unreachable";
    setTimeout(pollModels, 2000);
  }
}

function addLine(kind, text, t, id) {
  const li = document.createElement("li");
  li.className = kind;
  if (id) li.dataset.id = id;
  const time = document.createElement("time");
  time.textContent = clock(t || 0);
  const span = document.createElement("span");
  span.textContent = text;
  li.append(time, span);
  $("#transcript").append(li);
  li.scrollIntoView({ block: "nearest" });
  return li;
}

// every type here is a class in reasoning/protocol.py (tests/test_protocol.py checks both ways)
function onEvent(msg) {
  switch (msg.type) {
    case "speech_started": setStatus("hearing you", "hearing"); break;
    case "transcript": {
      if (state.pc) setStatus(state.pc.connectionState);
      const tags = msg.sound_tags && msg.sound_tags.some((t) => t !== "speech") ? `  [${msg.sound_tags.join(", ")}]` : "";
      const li = addLine(msg.addressed === false ? "user aside" : "user", msg.text + tags, msg.start);
      if (msg.addressed === false) li.title = "heard and remembered; not a question for the assistant";
      break;
    }
    case "answer": {
      let li = state.answers.get(msg.answer_id);
      if (!li && msg.text) { li = addLine("assistant", "", msg.t, msg.answer_id); state.answers.set(msg.answer_id, li); }
      if (li && msg.text) li.querySelector("span").textContent += (li.querySelector("span").textContent ? " " : "") + msg.text;
      if (li && msg.clips) showCitations(li, msg.clips);
      if (msg.final && msg.latency) addLatency(msg.latency);
      break;
    }
    case "interrupted": {
      const li = state.answers.get(msg.answer_id);
      if (li) { li.classList.add("interrupted"); li.title = "interrupted; heard: " + (msg.heard || "nothing"); }
      break;
    }
    case "latency": addLatency(msg); break;
    case "status": if (msg.connection) setStatus(msg.connection); break;
    case "warning": case "error": showError(msg.message); break;
    case "perception": showPerception(msg.steps); break;
  }
}

function showPerception(steps) {
  const bad = Object.entries(steps || {}).filter(([, state]) => state !== "ok");
  $("#perception").textContent = bad.map(([step, state]) => `${step}: ${state}`).join(" · ");
  $("#perception").hidden = bad.length === 0;
}

function showCitations(li, clips) {
  if (li.querySelector(".cites")) return;
  const div = document.createElement("div");
  div.className = "cites";
  for (const clip of clips) {
    for (const url of (clip.thumbnails || []).slice(0, 1)) {
      const img = document.createElement("img");
      img.src = url; img.alt = `${clock(clip.start)}`; img.title = `${clock(clip.start)}–${clock(clip.end)}`;
      img.width = 96;
      div.append(img);
    }
  }
  li.append(div);
}

function addLatency(trace) {
  const fmt = (v) => (v == null ? "…" : v.toFixed(2));
  let row = document.querySelector(`#latency tr[data-id="${trace.answer_id}"]`);
  if (!row) {
    row = document.createElement("tr");
    row.dataset.id = trace.answer_id;
    $("#latency tbody").prepend(row);
    while ($("#latency tbody").rows.length > 8) $("#latency tbody").deleteRow(-1);
  }
  row.innerHTML = "";
  for (const v of [trace.question, fmt(trace.turn_end_s), fmt(trace.transcript_s), fmt(trace.first_token_s), fmt(trace.first_piece_s), fmt(trace.first_audio_s)]) {
    const td = document.createElement("td"); td.textContent = v; row.append(td);
  }
}

function meter(stream) {
  const ctx = new AudioContext();
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 512;
  ctx.createMediaStreamSource(stream).connect(analyser);
  const data = new Float32Array(analyser.fftSize);
  const tick = () => {
    if (!state.pc) return ctx.close();
    analyser.getFloatTimeDomainData(data);
    const rms = Math.sqrt(data.reduce((a, v) => a + v * v, 0) / data.length);
    $("#level").style.width = Math.min(100, rms * 400) + "%";
    requestAnimationFrame(tick);
  };
  tick();
}

async function trackStats() {
  if (!state.pc) return;
  const stats = await state.pc.getStats();
  const parts = [];
  stats.forEach((r) => {
    if (r.type === "outbound-rtp" && r.kind === "video" && r.frameWidth)
      parts.push(`video ${r.frameWidth}×${r.frameHeight} @ ${Math.round(r.framesPerSecond || 0)} fps`);
    if (r.type === "outbound-rtp" && r.kind === "audio") parts.push(`mic ${Math.round(r.bytesSent / 1024)} kB sent`);
    if (r.type === "inbound-rtp" && r.kind === "audio") parts.push(`speaker ${Math.round(r.totalSamplesReceived / 48000)} s received`);
  });
  $("#tracks").textContent = parts.join(" · ");
}

async function refreshTimeline() {
  if (!state.sessionId) return;
  const res = await fetch(`/api/sessions/${state.sessionId}/timeline`).catch(() => null);
  if (!res || !res.ok) return;
  const clips = await res.json();
  $("#memory-warning").textContent = clips.warning ? `memory: ${clips.warning}` : "";
  $("#memory-warning").hidden = !clips.warning;
  const list = $("#timeline");
  list.innerHTML = "";
  for (const clip of (clips.clips || clips).slice(-12)) {
    const li = document.createElement("li");
    if (clip.thumbnails && clip.thumbnails[0]) { const img = document.createElement("img"); img.src = clip.thumbnails[0]; img.alt = ""; li.append(img); }
    const cap = document.createElement("div");
    cap.textContent = `${clock(clip.start)}–${clock(clip.end)} ${clip.text || ""}`.slice(0, 140);
    li.append(cap);
    list.append(li);
  }
}

function waitForIce(pc) {
  if (pc.iceGatheringState === "complete") return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => { if (pc.iceGatheringState === "complete") { pc.removeEventListener("icegatheringstatechange", done); resolve(); } };
    pc.addEventListener("icegatheringstatechange", done);
    setTimeout(resolve, 5000); // aiortc takes no trickled candidates: send what we have
  });
}

async function start() {
  showError("");
  const choice = document.querySelector("input[name=video]:checked").value;
  $("#start").disabled = true;
  setStatus("connecting");
  try {
    const mic = await navigator.mediaDevices.getUserMedia({ audio: true, video: choice === "camera" || choice === "both" });
    state.streams.push(mic);
    let screen = null;
    if (choice === "screen" || choice === "both") {
      screen = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      state.streams.push(screen);
    }
    const pc = new RTCPeerConnection({ iceServers: state.iceServers, bundlePolicy: "max-bundle" });
    state.pc = pc;
    const sources = [];
    const audioTrack = mic.getAudioTracks()[0];
    if (!audioTrack) throw new Error("no microphone");
    pc.addTransceiver(audioTrack, { direction: "sendrecv", streams: [mic] });
    for (const track of mic.getVideoTracks()) sources.push([pc.addTransceiver(track, { direction: "sendonly" }), "camera", track, mic]);
    if (screen) for (const track of screen.getVideoTracks()) sources.push([pc.addTransceiver(track, { direction: "sendonly" }), "screen", track, screen]);
    for (const [, name, , stream] of sources) {
      const video = $(`#preview-${name}`); video.srcObject = stream; video.classList.add("live"); video.play().catch(() => {});
    }
    const dc = pc.createDataChannel("events");
    state.dc = dc;
    dc.onmessage = (e) => onEvent(JSON.parse(e.data));
    dc.onopen = () => { $("#question").disabled = false; $("#ask button").disabled = false; $("#hush").disabled = false; };
    pc.ontrack = (e) => { if (e.track.kind === "audio") { const a = $("#remote-audio"); a.srcObject = e.streams[0] || new MediaStream([e.track]); a.play().catch(() => {}); } };
    pc.onconnectionstatechange = () => {
      setStatus(pc.connectionState);
      if (pc.connectionState === "failed") showError("the connection failed; press Start to try again");
    };
    await pc.setLocalDescription(await pc.createOffer());
    await waitForIce(pc);
    const mids = Object.fromEntries(sources.map(([t, name]) => [t.mid, name]));
    const res = await fetch("/offer", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sdp: pc.localDescription.sdp, type: pc.localDescription.type, sources: mids }) });
    const body = await res.json();
    if (res.status === 401) throw new Error(SIGN_IN);
    if (!res.ok) throw new Error(body.error || `the server refused the offer (${res.status})`);
    state.sessionId = body.session_id;
    await pc.setRemoteDescription({ sdp: body.sdp, type: body.type });
    meter(mic);
    state.timers.push(setInterval(trackStats, 1000), setInterval(refreshTimeline, 3000));
    $("#stop").disabled = false;
  } catch (err) {
    showError(err.message || String(err));
    await stop();
  }
}

async function stop() {
  state.timers.forEach(clearInterval); state.timers = [];
  if (state.pc) state.pc.close();
  state.pc = null; state.dc = null;
  state.streams.forEach((s) => s.getTracks().forEach((t) => t.stop())); state.streams = [];
  document.querySelectorAll(".previews video").forEach((v) => { v.srcObject = null; v.classList.remove("live"); });
  if (state.sessionId) fetch(`/api/sessions/${state.sessionId}`, { method: "DELETE" }).catch(() => {});
  setStatus("idle");
  $("#stop").disabled = true;
  $("#start").disabled = !state.ready;
  $("#question").disabled = true; $("#ask button").disabled = true; $("#hush").disabled = true;
}

$("#start").addEventListener("click", start);
$("#stop").addEventListener("click", stop);
$("#ask").addEventListener("submit", (e) => {
  e.preventDefault();
  const text = $("#question").value.trim();
  if (!text || !state.dc || state.dc.readyState !== "open") return;
  state.dc.send(JSON.stringify({ type: "ask", text }));
  $("#question").value = "";
});
$("#hush").addEventListener("click", () => {
  if (state.dc && state.dc.readyState === "open") state.dc.send(JSON.stringify({ type: "interrupt" }));
});
pollModels();
