// The ingest app's live page: polls /dashboard/api/state and fills the tables. Plain DOM.
"use strict";

const POLL_MS = 1500;
const $ = (id) => document.getElementById(id);

function text(id, value) {
  $(id).textContent = value === null || value === undefined ? "–" : String(value);
}

function cell(row, value, cls) {
  const td = document.createElement("td");
  if (value instanceof Node) td.appendChild(value); else td.textContent = value ?? "–";
  if (cls) td.className = cls;
  row.appendChild(td);
  return td;
}

function bar(value, max, label) {
  // <meter> for a level (buffer fill), <progress> for work; both labelled for screen readers.
  const el = document.createElement(max === null ? "progress" : "meter");
  if (max !== null) { el.min = 0; el.max = max; el.value = value; el.high = 0.8 * max; }
  else if (value !== null) { el.max = 1; el.value = value; }
  el.setAttribute("aria-label", label);
  el.title = label;
  return el;
}

function renderTables(tables) {
  $("tables").tBodies[0].replaceChildren(...tables.map((t) => {
    const tr = document.createElement("tr");
    tr.dataset.table = t.table;
    cell(tr, t.table).title = t.target;
    cell(tr, t.state, `state-${t.state}`);
    cell(tr, t.rowsPerSecond.toFixed(0), "num rate");
    const fill = document.createElement("span");
    fill.append(bar(t.bufferDepth, t.bufferCapacity,
        `${t.bufferDepth} of ${t.bufferCapacity} rows buffered`), ` ${t.bufferDepth}/${t.bufferCapacity}`);
    cell(tr, fill);
    cell(tr, t.rowsCommitted, "num committed");
    cell(tr, t.flushes, "num flushes");
    cell(tr, t.acks, "num acks");
    cell(tr, t.buffered, "num");
    cell(tr, t.backpressure, "num");
    cell(tr, t.retries, "num");
    return tr;
  }));
}

function renderImports(tasks, error) {
  text("imports-error", error || "");
  if (!tasks || !tasks.length) return;
  $("imports").tBodies[0].replaceChildren(...tasks.map((t) => {
    const tr = document.createElement("tr");
    tr.dataset.id = t.id;
    tr.dataset.state = t.state;
    cell(tr, t.id.substring(0, 8)).title = t.id;
    cell(tr, t.table);
    cell(tr, t.state, `state-${t.state}`);
    // The total line count is known only at the end: indeterminate while running.
    const done = t.state === "SUCCEEDED" ? 1 : t.state === "FAILED" ? 0 : null;
    cell(tr, bar(done, null, `${t.state}, ${t.rowsRead} rows read`));
    cell(tr, t.rowsRead, "num");
    cell(tr, t.rowsImported, "num");
    cell(tr, t.createdAt ? new Date(t.createdAt).toLocaleTimeString() : null);
    return tr;
  }));
}

async function refresh() {
  try {
    const s = await (await fetch("/dashboard/api/state", { cache: "no-store" })).json();
    renderTables(s.tables);
    renderImports(s.imports, s.importsError);
    text("target", s.credential.target);
    text("identity", s.credential.identity);
    text("expiry", s.credential.secondsToExpiry === null ? null : `${s.credential.secondsToExpiry} s`);
    text("mints", s.credential.mints);
    text("pool", `${s.pool.active} / ${s.pool.idle} / ${s.pool.pending} (max ${s.pool.max})`);
    document.body.dataset.polls = String(Number(document.body.dataset.polls || 0) + 1);
  } catch (e) {
    text("status", "The application does not answer; retrying…");
  }
}

async function poll() {
  await refresh();
  setTimeout(poll, POLL_MS);
}

async function action(button, run) {
  button.disabled = true;
  try {
    text("status", await run());
    refresh();
  } catch (e) {
    text("status", `Failed: ${e.message}`);
  } finally {
    button.disabled = false;
  }
}

function readings(n) {
  const device = `page-${Math.random().toString(16).slice(2, 8)}`;
  return Array.from({ length: n }, (_, i) => ({
    device, temperature: 18 + (i % 70) / 10, humidity: 40 + (i % 20), description: "from the live page",
  }));
}

function csv(lines) {
  const device = `csv-${Math.random().toString(16).slice(2, 8)}`;
  const now = new Date().toISOString();
  const rows = ["device,temperature,humidity,description,recorded_at"];
  for (let i = 0; i < lines; i++) rows.push(`${device},${(18 + (i % 70) / 10).toFixed(1)},${40 + (i % 20)},line ${i},${now}`);
  return rows.join("\n") + "\n";
}

document.addEventListener("DOMContentLoaded", () => {
  $("send-rows").addEventListener("click", (ev) => action(ev.currentTarget, async () => {
    const r = await fetch("/ingest/sensor_readings?wait_for_ack=true", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(readings(1000)) });
    if (!r.ok) throw new Error(`${r.status} ${(await r.json()).detail || ""}`);
    return "1,000 readings committed.";
  }));
  $("import-csv").addEventListener("click", (ev) => action(ev.currentTarget, async () => {
    const r = await fetch("/import/sensor_readings", {
      method: "POST", headers: { "Content-Type": "text/csv" }, body: csv(20000) });
    const task = await r.json();
    if (!r.ok) throw new Error(`${r.status} ${task.detail || ""}`);
    return `Import ${task.id.substring(0, 8)} accepted.`;
  }));
  poll();
});
