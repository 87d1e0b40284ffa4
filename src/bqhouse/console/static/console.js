// bqhouse console: explorer, SQL editor with live dry run, paged results, chart, history, saved
// queries, cancel, and sign-in when the server runs with auth. Talks only to bqhouse's REST v2 API
// and /console/api/saved-queries on the same origin. Editor and charts are CodeMirror 6 and
// Chart.js from console-vendor.js (bundled at build time; see ../frontend/).
"use strict";

const V = window.BQVendor;
const PROJECT = document.body.dataset.project;
const API = `/bigquery/v2/projects/${encodeURIComponent(PROJECT)}`;
const SAVED_API = "/console/api/saved-queries";
const TOKEN_KEY = "bqhouse.token";
// Google's token endpoint: the audience google-auth writes into a key file's JWT assertion, which
// bqhouse accepts for its own keys (docs/security.md), so a proxy in front does not change it.
const TOKEN_AUDIENCE = "https://oauth2.googleapis.com/token";
const PAGE_SIZE = 50;
const $ = (id) => document.getElementById(id);

const state = {
  job: null, // {jobId, location}
  schema: [],
  rows: [], // current page, decoded
  pageTokens: [null], // token of each page seen; index = page number
  page: 0,
  totalRows: 0,
  running: false,
  chart: null,
  completion: {}, // "dataset.table" -> column names, for autocomplete
  saved: [], // saved queries, as /console/api/saved-queries lists them
  savedId: null, // the saved query open in the editor
};

// ---- REST -------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(body, status) {
    const err = (body && body.error) || {};
    super(err.message || `HTTP ${status}`);
    this.status = status;
    this.reason = err.errors && err.errors[0] ? err.errors[0].reason : err.status;
    this.location = err.errors && err.errors[0] ? err.errors[0].location : undefined;
  }
}

// Every call carries the signed-in user's token. A 401 (no token, a bad or an expired one)
// shows the sign-in box and the call waits for a sign-in, then runs again.
async function api(path, { method = "GET", body, params } = {}) {
  const url = new URL(path.startsWith("/") ? path : `${API}/${path}`, location.origin);
  for (const [k, v] of Object.entries(params || {})) if (v != null) url.searchParams.set(k, v);
  for (;;) {
    const headers = body ? { "Content-Type": "application/json" } : {};
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const text = await response.text();
    let data = {};
    try {
      data = text ? JSON.parse(text) : {};
    } catch {
      data = { error: { message: text } };
    }
    if (response.status === 401) {
      await signIn(token ? `${new ApiError(data, 401).message}` : "");
      continue;
    }
    if (!response.ok) throw new ApiError(data, response.status);
    return data;
  }
}

// ---- Sign-in (servers with auth on) -----------------------------------------------------------

let signInWaiters = [];

function signIn(reason) {
  sessionStorage.removeItem(TOKEN_KEY);
  showSignedIn(false);
  $("signin-error").textContent = reason ? `Signed out: ${reason}` : "";
  $("signin-backdrop").hidden = false;
  $("signin-token").focus();
  return new Promise((resolve) => signInWaiters.push(resolve));
}

function showSignedIn(yes) {
  $("whoami").hidden = !yes;
  $("signout").hidden = !yes;
}

function b64url(bytes) {
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

// A service account key file (JSON) becomes a one-hour access token by the JWT-bearer grant, as
// google-auth does it; the private key stays in this function.
async function exchangeKeyFile(info) {
  if (!window.crypto || !crypto.subtle) {
    throw new Error("Key files need a secure context (https or localhost): paste an access token.");
  }
  if (!info.private_key || !info.client_email || !info.private_key_id) {
    throw new Error("Not a service account key file (private_key, client_email, private_key_id).");
  }
  const pem = info.private_key.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");
  const der = Uint8Array.from(atob(pem), (c) => c.charCodeAt(0));
  const algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  const key = await crypto.subtle.importKey("pkcs8", der, algorithm, false, ["sign"]);
  const now = Math.floor(Date.now() / 1000);
  const encode = (obj) => b64url(new TextEncoder().encode(JSON.stringify(obj)));
  const unsigned = `${encode({ alg: "RS256", typ: "JWT", kid: info.private_key_id })}.${encode({
    iss: info.client_email, sub: info.client_email, aud: TOKEN_AUDIENCE,
    scope: "https://www.googleapis.com/auth/bigquery", iat: now, exp: now + 3600,
  })}`;
  const signature = await crypto.subtle.sign(algorithm, key, new TextEncoder().encode(unsigned));
  const response = await fetch("/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      assertion: `${unsigned}.${b64url(new Uint8Array(signature))}`,
    }),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok || !data.access_token) {
    throw new Error(data.error_description || data.error || `token exchange failed: HTTP ${response.status}`);
  }
  return data.access_token;
}

async function submitSignIn(event) {
  event.preventDefault();
  const text = $("signin-token").value.trim();
  const error = $("signin-error");
  if (!text) {
    error.textContent = "Paste an access token or a key file.";
    return;
  }
  error.textContent = "Checking…";
  try {
    const token = text.startsWith("{") ? await exchangeKeyFile(JSON.parse(text)) : text;
    const probe = await fetch(`${API}/datasets?maxResults=1`, { headers: { Authorization: `Bearer ${token}` } });
    if (probe.status === 401) {
      const body = await probe.json().catch(() => ({}));
      throw new Error(new ApiError(body, 401).message);
    }
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch (err) {
    error.textContent = `✗ ${err.message}`;
    return;
  }
  $("signin-token").value = "";
  error.textContent = "";
  $("signin-backdrop").hidden = true;
  showSignedIn(true);
  const waiters = signInWaiters;
  signInWaiters = [];
  for (const resolve of waiters) resolve();
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  location.reload();
}

// ---- Values -----------------------------------------------------------------------------------

// tabledata/getQueryResults rows are {f: [{v}]}; RECORDs nest the same way, REPEATED is [{v}].
function decodeValue(field, v) {
  if (v == null) return null;
  if (field.mode === "REPEATED") return v.map((item) => decodeScalar(field, item.v));
  return decodeScalar(field, v);
}

function decodeScalar(field, v) {
  if (v == null) return null;
  const type = field.type;
  if (type === "RECORD" || type === "STRUCT") return decodeRow(field.fields || [], v);
  if (["INTEGER", "INT64", "FLOAT", "FLOAT64"].includes(type)) return Number(v);
  if (type === "BOOLEAN" || type === "BOOL") return v === "true";
  if (type === "TIMESTAMP" && /^[0-9.eE+-]+$/.test(v)) {
    return new Date(Number(v) * 1000).toISOString().replace("T", " ").replace("Z", " UTC");
  }
  return v;
}

function decodeRow(fields, row) {
  const out = {};
  fields.forEach((field, i) => (out[field.name] = decodeValue(field, row.f[i] ? row.f[i].v : null)));
  return out;
}

function humanBytes(n) {
  const units = ["B", "KB", "MB", "GB", "TB", "PB"];
  let value = Number(n || 0);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit ? value.toFixed(value < 10 ? 2 : 1) : value} ${units[unit]}`;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "onclick") node.addEventListener("click", v);
    else if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child);
  return node;
}

// ---- Grid -------------------------------------------------------------------------------------

function renderGrid(table, fields, rows) {
  table.replaceChildren();
  const head = el("tr", {}, el("th", {}, "Row"), ...fields.map((f) => el("th", { title: f.type }, f.name)));
  table.append(el("thead", {}, head));
  const body = el("tbody");
  const offset = table.id === "grid" ? state.page * PAGE_SIZE : 0;
  rows.forEach((row, i) => {
    const tr = el("tr", {}, el("td", { class: "num" }, String(offset + i + 1)));
    for (const field of fields) {
      const value = row[field.name];
      if (value === null || value === undefined) tr.append(el("td", { class: "null" }, "null"));
      else if (typeof value === "object") tr.append(el("td", {}, el("pre", {}, JSON.stringify(value, null, 1))));
      else tr.append(el("td", { class: typeof value === "number" ? "num" : "" }, String(value)));
    }
    body.append(tr);
  });
  table.append(body);
}

// ---- Explorer ---------------------------------------------------------------------------------

async function loadExplorer() {
  const tree = $("tree");
  tree.replaceChildren();
  const data = await api("datasets", { params: { all: "true", maxResults: 1000 } });
  for (const ds of data.datasets || []) {
    const id = ds.datasetReference.datasetId;
    const children = el("ul", { hidden: "" });
    const link = el("a", { "data-dataset": id }, id);
    const item = el("li", {}, link, el("span", { class: "kind" }, "dataset"), children);
    link.addEventListener("click", () => toggleDataset(id, children));
    tree.append(item);
  }
}

async function toggleDataset(dataset, list) {
  if (!list.hidden) {
    list.hidden = true;
    return;
  }
  list.hidden = false;
  list.replaceChildren(el("li", { class: "muted" }, "loading…"));
  const base = `datasets/${encodeURIComponent(dataset)}`;
  const [tables, routines, models] = await Promise.all([
    api(`${base}/tables`, { params: { maxResults: 1000 } }),
    api(`${base}/routines`).catch(() => ({})),
    api(`${base}/models`).catch(() => ({})),
  ]);
  list.replaceChildren();
  for (const t of tables.tables || []) {
    const id = t.tableReference.tableId;
    state.completion[`${dataset}.${id}`] = state.completion[`${dataset}.${id}`] || [];
    const link = el("a", { "data-table": `${dataset}.${id}` }, id);
    link.addEventListener("click", () => showTable(dataset, id));
    list.append(el("li", {}, link, el("span", { class: "kind" }, (t.type || "TABLE").toLowerCase())));
  }
  for (const r of routines.routines || []) {
    list.append(el("li", {}, r.routineReference.routineId, el("span", { class: "kind" }, "routine")));
  }
  for (const m of models.models || []) {
    list.append(el("li", {}, m.modelReference.modelId, el("span", { class: "kind" }, "model")));
  }
  if (!list.children.length) list.append(el("li", { class: "muted" }, "(empty)"));
  refreshCompletion();
}

function schemaTree(fields) {
  const box = el("div");
  for (const f of fields) {
    const label = el("span", { class: "field" }, `${f.name} `, el("span", { class: "type" }, `${f.type}${f.mode && f.mode !== "NULLABLE" ? " " + f.mode : ""}`));
    if (f.fields) {
      const details = el("details", {}, el("summary", {}, label), schemaTree(f.fields));
      box.append(details);
    } else {
      box.append(el("div", { style: "margin-left:.8rem" }, label));
    }
  }
  return box;
}

async function showTable(dataset, table) {
  const t = await api(`datasets/${encodeURIComponent(dataset)}/tables/${encodeURIComponent(table)}`);
  const fields = (t.schema && t.schema.fields) || [];
  state.completion[`${dataset}.${table}`] = fields.map((f) => f.name);
  $("details").hidden = false;
  $("details-title").textContent = `${dataset}.${table}`;
  const facts = $("details-facts");
  facts.replaceChildren();
  const partitioning = t.timePartitioning
    ? `${t.timePartitioning.type} on ${t.timePartitioning.field || "_PARTITIONTIME"}`
    : t.rangePartitioning ? `RANGE on ${t.rangePartitioning.field}` : "none";
  for (const [k, v] of [
    ["Type", t.type || "TABLE"],
    ["Rows", t.numRows ?? "-"],
    ["Size", humanBytes(t.numBytes)],
    ["Partitioning", partitioning],
    ["Clustering", t.clustering ? t.clustering.fields.join(", ") : "none"],
  ]) facts.append(el("dt", {}, k), el("dd", {}, String(v)));
  $("schema").replaceChildren(schemaTree(fields));
  $("preview").onclick = () => previewTable(dataset, table, fields);
  $("query-table").onclick = () => setQuery(`SELECT * FROM \`${dataset}.${table}\` LIMIT 100`);
  refreshCompletion();
}

async function previewTable(dataset, table, fields) {
  const data = await api(`datasets/${encodeURIComponent(dataset)}/tables/${encodeURIComponent(table)}/data`, {
    params: { maxResults: PAGE_SIZE },
  });
  state.job = null;
  state.schema = fields;
  state.rows = (data.rows || []).map((r) => decodeRow(fields, r));
  state.page = 0;
  state.pageTokens = [null];
  state.totalRows = Number(data.totalRows || state.rows.length);
  showTab("results");
  renderResults(`Preview of ${dataset}.${table}: ${state.totalRows} rows`);
}

// ---- Editor -----------------------------------------------------------------------------------

let editor;
const sqlCompartment = new V.Compartment();

function sqlExtension() {
  return V.sql({ dialect: V.StandardSQL, schema: state.completion, upperCaseKeywords: true });
}

function makeEditor() {
  const runKey = V.Prec.highest(
    V.keymap.of([
      { key: "Mod-Enter", run: () => (runQuery(), true) },
      { key: "Shift-Enter", run: () => (runQuery(), true) },
    ]),
  );
  const initial = localStorage.getItem("bqhouse.query") || "SELECT 1 AS x";
  editor = new V.EditorView({
    doc: initial,
    extensions: [
      V.basicSetup,
      runKey,
      sqlCompartment.of(sqlExtension()),
      V.placeholder("Write GoogleSQL; Ctrl+Enter runs it"),
      V.EditorView.updateListener.of((update) => {
        if (update.docChanged) scheduleDryRun();
      }),
    ],
    parent: $("editor"),
  });
  window.bqEditor = editor; // for tests and the devtools console
}

function refreshCompletion() {
  // lang-sql takes a new schema (table and column names to complete) by reconfiguration.
  editor.dispatch({ effects: sqlCompartment.reconfigure(sqlExtension()) });
}

function getQuery() {
  return editor.state.doc.toString();
}

function setQuery(text) {
  editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
  editor.focus();
}

// ---- Dry run ----------------------------------------------------------------------------------

let dryRunTimer = null;
let dryRunSeq = 0;

function scheduleDryRun() {
  clearTimeout(dryRunTimer);
  dryRunTimer = setTimeout(dryRun, 400);
}

async function dryRun() {
  const query = getQuery();
  localStorage.setItem("bqhouse.query", query);
  const validator = $("validator");
  if (!query.trim()) {
    validator.textContent = "";
    return;
  }
  const seq = ++dryRunSeq;
  try {
    const result = await api("queries", { method: "POST", body: { query, useLegacySql: false, dryRun: true } });
    if (seq !== dryRunSeq) return;
    validator.className = "ok";
    validator.textContent = `✓ This query will process ${humanBytes(result.totalBytesProcessed)} when run.`;
  } catch (err) {
    if (seq !== dryRunSeq) return;
    validator.className = "error";
    validator.textContent = `✗ ${err.message}`;
  }
}

// ---- Run, page, cancel ------------------------------------------------------------------------

function setRunning(running) {
  state.running = running;
  $("run").disabled = running;
  $("cancel").disabled = !running;
}

function newJobId() {
  const random = new Uint8Array(8);
  crypto.getRandomValues(random);
  return `console_${Date.now()}_${Array.from(random, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

async function runQuery() {
  if (state.running) return;
  const query = getQuery();
  if (!query.trim()) return;
  // The job id is chosen here, so that Cancel can name the job while jobs.insert still runs it.
  const jobId = newJobId();
  state.job = { jobId };
  setRunning(true);
  setStatus(`Running… (job ${jobId})`);
  try {
    const job = await api("jobs", {
      method: "POST",
      body: { jobReference: { jobId }, configuration: { query: { query, useLegacySql: false } } },
    });
    state.job = job.jobReference;
    state.pageTokens = [null];
    state.page = 0;
    const failure = job.status && job.status.errorResult;
    if (failure) {
      const label = failure.reason === "stopped" ? "Cancelled" : failure.reason;
      setStatus(`${label}: ${failure.message}`, true);
      return;
    }
    await fetchPage(0);
  } catch (err) {
    setStatus(`${err.reason || "error"}: ${err.message}`, true);
  } finally {
    setRunning(false);
    showJob();
  }
}

async function fetchPage(page) {
  const { jobId, location: loc } = state.job;
  for (;;) {
    const data = await api(`queries/${encodeURIComponent(jobId)}`, {
      params: { location: loc, maxResults: PAGE_SIZE, pageToken: state.pageTokens[page], timeoutMs: 2000 },
    });
    if (!data.jobComplete) {
      setStatus(`Running… (job ${jobId})`);
      continue;
    }
    state.schema = (data.schema && data.schema.fields) || [];
    state.rows = (data.rows || []).map((r) => decodeRow(state.schema, r));
    state.totalRows = Number(data.totalRows || 0);
    state.page = page;
    state.pageTokens[page + 1] = data.pageToken || undefined;
    const dml = data.numDmlAffectedRows != null ? `, ${data.numDmlAffectedRows} rows affected` : "";
    renderResults(`Query complete: ${state.totalRows} rows${dml}`);
    return;
  }
}

async function cancelQuery() {
  if (!state.job || !state.running) return;
  const { jobId, location: loc } = state.job;
  // jobs.insert may not have reached the server yet: a 404 is retried while the query runs.
  for (let attempt = 0; ; attempt += 1) {
    try {
      await api(`jobs/${encodeURIComponent(jobId)}/cancel`, { method: "POST", params: { location: loc } });
      if (state.running) setStatus(`Cancel requested (job ${jobId})…`);
      return;
    } catch (err) {
      if (err.status === 404 && attempt < 20 && state.running) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        continue;
      }
      setStatus(`${err.reason || "error"}: ${err.message}`, true);
      return;
    }
  }
}

function setStatus(text, isError = false) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

function renderResults(status) {
  setStatus(status);
  renderGrid($("grid"), state.schema, state.rows);
  const pages = Math.max(1, Math.ceil(state.totalRows / PAGE_SIZE));
  $("page-info").textContent = `Page ${state.page + 1} of ${pages}`;
  $("prev").disabled = !state.job || state.page === 0;
  $("next").disabled = !state.job || !state.pageTokens[state.page + 1];
  $("csv").disabled = $("json").disabled = !state.schema.length;
  populateChartColumns();
}

// ---- Download ---------------------------------------------------------------------------------

async function allRows() {
  if (!state.job) return state.rows;
  const out = [];
  let token = null;
  do {
    const data = await api(`queries/${encodeURIComponent(state.job.jobId)}`, {
      params: { location: state.job.location, maxResults: 10000, pageToken: token },
    });
    out.push(...(data.rows || []).map((r) => decodeRow(state.schema, r)));
    token = data.pageToken;
  } while (token);
  return out;
}

function csvCell(value) {
  if (value === null || value === undefined) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

async function download(kind) {
  const rows = await allRows();
  const names = state.schema.map((f) => f.name);
  const text = kind === "csv"
    ? [names.join(","), ...rows.map((r) => names.map((n) => csvCell(r[n])).join(","))].join("\n") + "\n"
    : rows.map((r) => JSON.stringify(r)).join("\n") + "\n";
  const blob = new Blob([text], { type: kind === "csv" ? "text/csv" : "application/x-ndjson" });
  const link = el("a", { href: URL.createObjectURL(blob), download: `results.${kind === "csv" ? "csv" : "jsonl"}` });
  document.body.append(link);
  link.click();
  link.remove();
}

// ---- Chart ------------------------------------------------------------------------------------

function populateChartColumns() {
  const names = state.schema.map((f) => f.name);
  const numeric = state.schema
    .filter((f) => ["INTEGER", "INT64", "FLOAT", "FLOAT64", "NUMERIC", "BIGNUMERIC"].includes(f.type))
    .map((f) => f.name);
  for (const [id, options, pick] of [
    ["chart-x", names, names[0]],
    ["chart-y", numeric.length ? numeric : names, numeric.find((n) => n !== names[0]) || numeric[0] || names[1]],
  ]) {
    const select = $(id);
    select.replaceChildren(...options.map((n) => el("option", { value: n }, n)));
    if (pick) select.value = pick;
  }
  if (!$("chart").hidden) drawChart();
}

function drawChart() {
  const type = $("chart-type").value;
  const x = $("chart-x").value;
  const y = $("chart-y").value;
  if (state.chart) state.chart.destroy();
  if (!x || !y) return;
  const points = state.rows.map((r) => ({ x: r[x], y: r[y] }));
  const data = type === "scatter"
    ? { datasets: [{ label: `${y} by ${x}`, data: points }] }
    : { labels: points.map((p) => String(p.x)), datasets: [{ label: y, data: points.map((p) => p.y) }] };
  state.chart = new V.Chart($("chart-canvas"), {
    type,
    data,
    options: { responsive: true, maintainAspectRatio: false, animation: false },
  });
}

// ---- Job details and history ------------------------------------------------------------------

async function showJob() {
  if (!state.job) return;
  try {
    const job = await api(`jobs/${encodeURIComponent(state.job.jobId)}`, { params: { location: state.job.location } });
    const stats = job.statistics || {};
    const q = stats.query || {};
    const lines = [
      `Job ID: ${job.jobReference.jobId}`,
      `State: ${job.status.state}${job.status.errorResult ? ` (${job.status.errorResult.reason}: ${job.status.errorResult.message})` : ""}`,
      `Statement type: ${q.statementType || "-"}`,
      `Bytes processed: ${humanBytes(q.totalBytesProcessed)}`,
      `Duration: ${stats.endTime && stats.startTime ? `${Number(stats.endTime) - Number(stats.startTime)} ms` : "-"}`,
      "",
      JSON.stringify(job, null, 2),
    ];
    $("job-details").textContent = lines.join("\n");
  } catch (err) {
    $("job-details").textContent = err.message;
  }
}

async function loadHistory() {
  const data = await api("jobs", { params: { maxResults: 50, projection: "full", allUsers: "true" } });
  const jobs = (data.jobs || []).slice().sort((a, b) =>
    Number((b.statistics || {}).creationTime || 0) - Number((a.statistics || {}).creationTime || 0));
  const table = $("history-grid");
  table.replaceChildren(el("tr", {}, el("th", {}, "Created"), el("th", {}, "State"), el("th", {}, "Bytes"), el("th", {}, "Query")));
  for (const job of jobs) {
    const query = (((job.configuration || {}).query) || {}).query;
    if (!query) continue;
    const stats = job.statistics || {};
    const created = stats.creationTime ? new Date(Number(stats.creationTime)).toLocaleString() : "";
    const error = job.status && job.status.errorResult ? " ✗" : "";
    const row = el("tr", {}, el("td", {}, created), el("td", {}, `${job.state || job.status.state}${error}`),
      el("td", { class: "num" }, humanBytes((stats.query || {}).totalBytesProcessed)), el("td", {}, query.slice(0, 200)));
    row.addEventListener("click", () => setQuery(query));
    table.append(row);
  }
}

// ---- Saved queries ----------------------------------------------------------------------------

async function loadSaved() {
  const data = await api(SAVED_API);
  state.saved = data.savedQueries || [];
  renderSaved();
}

function renderSaved() {
  const list = $("saved");
  list.replaceChildren();
  for (const item of state.saved) {
    const link = el("a", { "data-saved": item.name, title: item.query.slice(0, 500) }, item.name);
    if (item.id === state.savedId) link.classList.add("current");
    link.addEventListener("click", () => openSaved(item));
    const rename = el("button", { type: "button", "data-rename": item.name, title: "Rename" }, "Rename");
    rename.addEventListener("click", () => renameSaved(item));
    const remove = el("button", { type: "button", "data-delete": item.name, title: "Delete" }, "Delete");
    remove.addEventListener("click", () => deleteSaved(item));
    list.append(el("li", {}, link, rename, remove));
  }
  if (!state.saved.length) list.append(el("li", { class: "muted" }, "(none yet: name a query and Save)"));
}

function openSaved(item) {
  state.savedId = item.id;
  $("save-name").value = item.name;
  setQuery(item.query);
  renderSaved();
}

// Save: the open saved query keeps its id when its name is unchanged; a new name makes a new one.
async function saveQuery() {
  const name = $("save-name").value;
  const query = getQuery();
  const open = state.saved.find((item) => item.id === state.savedId);
  try {
    const saved = open && open.name === name.trim()
      ? await api(`${SAVED_API}/${encodeURIComponent(open.id)}`, { method: "PATCH", body: { query } })
      : await api(SAVED_API, { method: "POST", body: { name, query } });
    state.savedId = saved.id;
    $("save-name").value = saved.name;
    setStatus(`Saved "${saved.name}".`);
    await loadSaved();
  } catch (err) {
    setStatus(`${err.reason || "error"}: ${err.message}`, true);
  }
}

async function renameSaved(item) {
  const name = prompt(`Rename "${item.name}" to:`, item.name);
  if (name === null) return;
  try {
    const saved = await api(`${SAVED_API}/${encodeURIComponent(item.id)}`, { method: "PATCH", body: { name } });
    if (state.savedId === item.id) $("save-name").value = saved.name;
    setStatus(`Renamed to "${saved.name}".`);
    await loadSaved();
  } catch (err) {
    setStatus(`${err.reason || "error"}: ${err.message}`, true);
  }
}

async function deleteSaved(item) {
  if (!confirm(`Delete the saved query "${item.name}"?`)) return;
  try {
    await api(`${SAVED_API}/${encodeURIComponent(item.id)}`, { method: "DELETE" });
    if (state.savedId === item.id) state.savedId = null;
    setStatus(`Deleted "${item.name}".`);
    await loadSaved();
  } catch (err) {
    setStatus(`${err.reason || "error"}: ${err.message}`, true);
  }
}

// ---- Tabs and wiring --------------------------------------------------------------------------

function showTab(name) {
  for (const button of document.querySelectorAll(".tabs button")) {
    const selected = button.dataset.tab === name;
    button.setAttribute("aria-selected", String(selected));
    $(button.dataset.tab).hidden = !selected;
  }
  if (name === "chart") drawChart();
  if (name === "history") loadHistory().catch((err) => setStatus(`History: ${err.message}`, true));
  if (name === "job") showJob();
}

function wire() {
  $("run").addEventListener("click", runQuery);
  $("cancel").addEventListener("click", cancelQuery);
  $("prev").addEventListener("click", () => fetchPage(state.page - 1));
  $("next").addEventListener("click", () => fetchPage(state.page + 1));
  $("csv").addEventListener("click", () => download("csv"));
  $("json").addEventListener("click", () => download("json"));
  $("refresh-history").addEventListener("click", () => showTab("history"));
  $("save").addEventListener("click", saveQuery);
  $("save-name").addEventListener("keydown", (event) => {
    if (event.key === "Enter") saveQuery();
  });
  $("signin").addEventListener("submit", submitSignIn);
  $("signout").addEventListener("click", signOut);
  $("toggle-explorer").addEventListener("click", () => $("explorer").classList.toggle("collapsed"));
  for (const id of ["chart-type", "chart-x", "chart-y"]) $(id).addEventListener("change", drawChart);
  for (const button of document.querySelectorAll(".tabs button")) {
    button.addEventListener("click", () => showTab(button.dataset.tab));
  }
}

wire();
showSignedIn(Boolean(sessionStorage.getItem(TOKEN_KEY)));
makeEditor();
loadExplorer().catch((err) => setStatus(`Explorer: ${err.message}`, true));
loadSaved().catch((err) => setStatus(`Saved queries: ${err.message}`, true));
dryRun();
