// The live page: polls /dashboard/api/state and fills the panels. Plain DOM, no libraries.
"use strict";

const POLL_MS = 1500;
const $ = (id) => document.getElementById(id);
let expiresAt = null;      // Date of the current credential's expiry, in client time
let clockOffsetMs = 0;     // server time minus client time
let lastAuditId = null;

function text(id, value) {
  const el = $(id);
  if (el) el.textContent = value === null || value === undefined ? "–" : String(value);
}

function formatSeconds(s) {
  if (s < 0) return "expired";
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  const mm = String(m).padStart(2, "0"), ss = String(sec).padStart(2, "0");
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString() : "–";
}

function tick() {
  const el = $("expiry-countdown");
  if (!expiresAt) { el.textContent = "no credential yet"; el.dataset.seconds = ""; return; }
  const s = Math.floor((expiresAt.getTime() - (Date.now() + clockOffsetMs)) / 1000);
  el.textContent = formatSeconds(s);
  el.dataset.seconds = String(s);
  el.classList.toggle("expiring", s < 600);
}

function renderCredential(c) {
  text("identity", c.identity);
  expiresAt = c.expiresAt ? new Date(c.expiresAt) : null;
  tick();
  text("last-mint", c.lastMintAt
      ? `${time(c.lastMintAt)}, ${c.lastMintLatencyMs ?? "?"} ms${c.lastMintBackground ? " (background refresh)" : ""}`
      : null);
  text("mints", c.mints);
  text("mint-failures", c.mintFailures ? `(${c.mintFailures} failed)` : "");
  text("target", c.target);
}

function renderPool(p) {
  text("pool-active", p.active);
  text("pool-idle", p.idle);
  text("pool-pending", p.pending);
  text("pool-max", `of at most ${p.max}`);
  text("pool-opened", p.opened);
  const causes = Object.entries(p.retriesByCause || {}).map(([k, v]) => `${k} ${v}`).join(", ");
  text("pool-retries", p.retries + (causes ? ` (${causes})` : ""));
  text("cold-starts", p.coldStarts);
  text("last-cold-start", p.lastColdStartMs !== null
      ? `last waited ${p.lastColdStartMs} ms at ${time(p.lastColdStartAt)}` : "");
  $("pool-bar-active").style.width = `${100 * p.active / Math.max(1, p.max)}%`;
  $("pool-bar-idle").style.width = `${100 * p.idle / Math.max(1, p.max)}%`;
}

function cell(row, value, cls) {
  const td = document.createElement("td");
  td.textContent = value === null || value === undefined ? "–" : String(value);
  if (cls) td.className = cls;
  row.appendChild(td);
}

function renderRequests(rows) {
  if (!rows.length) return;
  const body = $("requests").tBodies[0];
  body.replaceChildren(...rows.map((r) => {
    const tr = document.createElement("tr");
    cell(tr, r.endpoint);
    cell(tr, r.count, "num");
    cell(tr, r.errors, "num");
    cell(tr, r.perSecond.toFixed(1), "num");
    cell(tr, r.recentMeanMs === null ? null : r.recentMeanMs.toFixed(1), "num");
    cell(tr, r.maxMs.toFixed(1), "num");
    return tr;
  }));
}

function rowKey(a) {
  const row = a.new || a.old || {};
  if (row.l_orderkey !== undefined) return `${row.l_orderkey}/${row.l_linenumber}`;
  return row.o_orderkey ?? "";
}

function renderAudit(rows, error) {
  text("audit-error", error || "");
  if (!rows) return;
  const body = $("audit-rows").tBodies[0];
  const previous = lastAuditId;
  body.replaceChildren(...rows.map((a) => {
    const tr = document.createElement("tr");
    tr.dataset.id = a.id;
    if (previous !== null && a.id > previous) tr.className = "fresh";
    cell(tr, a.id, "num");
    cell(tr, a.table);
    cell(tr, a.operation);
    cell(tr, rowKey(a));
    cell(tr, time(a.changed_at));
    cell(tr, a.changed_by);
    return tr;
  }));
  if (rows.length) lastAuditId = rows[0].id;
}

function renderActivity(events) {
  $("activity").replaceChildren(...events.map((e) => {
    const li = document.createElement("li");
    li.className = `kind-${e.kind}`;
    li.textContent = `${time(e.at)} ${e.text}`;
    return li;
  }));
}

function renderOpenTelemetry(rows) {
  if (!rows || !rows.length) return;
  $("otel").tBodies[0].replaceChildren(...rows.map((r) => {
    const tr = document.createElement("tr");
    tr.dataset.name = r.name;
    cell(tr, r.name);
    cell(tr, r.unit);
    cell(tr, r.attributes);
    cell(tr, r.value, "num");
    return tr;
  }));
}

function renderOperator(op) {
  const panel = $("operator");
  panel.hidden = !op;
  if (!op) return;
  const dl = $("operator-status");
  dl.replaceChildren(...Object.entries(op).flatMap(([k, v]) => {
    const dt = document.createElement("dt");
    dt.textContent = k;
    const dd = document.createElement("dd");
    dd.textContent = String(v);
    return [dt, dd];
  }));
}

async function refresh() {
  try {
    const response = await fetch("/dashboard/api/state", { cache: "no-store" });
    const s = await response.json();
    clockOffsetMs = new Date(s.now).getTime() - Date.now();
    renderCredential(s.credential);
    renderPool(s.pool);
    renderRequests(s.requests);
    renderAudit(s.audit, s.auditError);
    renderActivity(s.activity);
    renderOpenTelemetry(s.openTelemetry);
    renderOperator(s.operator);
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
  } catch (e) {
    text("status", `Failed: ${e.message}`);
  } finally {
    button.disabled = false;
  }
}

function sampleOrder() {
  // TPC-H style values the database's constraints accept; prices are computed by the server.
  return {
    o_custkey: 370, o_orderpriority: "3-MEDIUM", o_clerk: "Clerk#000000951",
    o_comment: "from the live page",
    lineitems: [{ l_partkey: 155190, l_suppkey: 7706, l_quantity: 1 + Math.floor(Math.random() * 40),
                  l_discount: 0.04, l_tax: 0.02 }],
  };
}

document.addEventListener("DOMContentLoaded", () => {
  $("create-order").addEventListener("click", (ev) => action(ev.currentTarget, async () => {
    const r = await fetch("/orders", { method: "POST", headers: { "Content-Type": "application/json" },
                                       body: JSON.stringify(sampleOrder()) });
    const body = await r.json();
    if (!r.ok) throw new Error(body.detail || r.status);
    refresh();
    return `Created order ${body.o_orderkey} (${r.headers.get("X-Process-Time")} ms on the server)`;
  }));
  $("suspend").addEventListener("click", (ev) => action(ev.currentTarget, async () => {
    const r = await fetch("/dashboard/api/operator/suspend", { method: "POST" });
    if (!r.ok) throw new Error(String(r.status));
    return "Endpoint suspended: the next query waits for it to wake.";
  }));
  $("shorten").addEventListener("click", (ev) => action(ev.currentTarget, async () => {
    const r = await fetch("/dashboard/api/operator/token-lifetime?seconds=20", { method: "POST" });
    if (!r.ok) throw new Error(String(r.status));
    return "Tokens now live 20 s: the SDK rotates them in the background.";
  }));
  setInterval(tick, 1000);
  poll();
});
