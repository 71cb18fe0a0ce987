// The live page: reads the monitoring endpoints once a second and draws what changed.
"use strict";
(function () {
  const base = document.body.dataset.base;
  const HISTORY = 60;
  const series = { inMsgs: [], outMsgs: [], inBytes: [], outBytes: [] };
  let previous = null;

  const $ = (id) => document.getElementById(id);
  const text = (id, value) => { $(id).textContent = value; };
  const get = (path) => fetch(base + path, { cache: "no-store" }).then((r) => {
    if (!r.ok) { throw new Error(path + ": " + r.status); }
    return path === "/metrics" ? r.text() : r.json();
  });

  function count(n) {
    if (n >= 1e9) { return (n / 1e9).toFixed(2) + " G"; }
    if (n >= 1e6) { return (n / 1e6).toFixed(2) + " M"; }
    if (n >= 1e4) { return (n / 1e3).toFixed(1) + " k"; }
    return String(Math.round(n));
  }

  function bytes(n) {
    if (n >= 1 << 30) { return (n / (1 << 30)).toFixed(2) + " GiB"; }
    if (n >= 1 << 20) { return (n / (1 << 20)).toFixed(2) + " MiB"; }
    if (n >= 1 << 10) { return (n / (1 << 10)).toFixed(1) + " KiB"; }
    return Math.round(n) + " B";
  }

  function rows(tableId, items, cells) {
    const body = $(tableId).tBodies[0];
    body.textContent = "";
    if (items.length === 0) {
      const row = body.insertRow();
      const cell = row.insertCell();
      cell.colSpan = $(tableId).tHead.rows[0].cells.length;
      cell.className = "empty";
      cell.textContent = "none";
      return;
    }
    for (const item of items) {
      const row = body.insertRow();
      for (const value of cells(item)) { row.insertCell().textContent = value; }
    }
  }

  function push(list, value) {
    list.push(value);
    if (list.length > HISTORY) { list.shift(); }
  }

  function chart(canvasId, lines, format) {
    const canvas = $(canvasId);
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    canvas.width = width * ratio;
    canvas.height = height * ratio;
    const g = canvas.getContext("2d");
    g.scale(ratio, ratio);
    g.clearRect(0, 0, width, height);
    const max = Math.max(1, ...lines.flatMap((line) => line.values));
    const left = 64;
    g.strokeStyle = "#eceef2";
    g.fillStyle = "#6b7385";
    g.font = "11px sans-serif";
    for (let i = 0; i <= 4; i++) {
      const y = 8 + (height - 16) * i / 4;
      g.beginPath(); g.moveTo(left, y); g.lineTo(width, y); g.stroke();
      g.fillText(format(max * (4 - i) / 4), 2, y + 4);
    }
    for (const line of lines) {
      g.strokeStyle = line.color;
      g.lineWidth = 2;
      g.beginPath();
      const offset = HISTORY - line.values.length;
      line.values.forEach((value, i) => {
        const x = left + (width - left) * (offset + i) / (HISTORY - 1);
        const y = 8 + (height - 16) * (1 - value / max);
        if (i === 0) { g.moveTo(x, y); } else { g.lineTo(x, y); }
      });
      g.stroke();
    }
  }

  function slowConsumerCauses(metrics) {
    const causes = [];
    for (const line of metrics.split("\n")) {
      const match = /^switchboard_slow_consumers\{cause="([^"]+)"\} (\S+)/.exec(line);
      if (match) { causes.push(match[1].replace("_", " ") + ": " + count(Number(match[2]))); }
    }
    return causes.join(", ");
  }

  function traffic(varz) {
    const now = Date.parse(varz.now);
    if (previous !== null && now > previous.time) {
      const seconds = (now - previous.time) / 1000;
      const rate = (field) => Math.max(0, (varz[field] - previous.varz[field]) / seconds);
      push(series.inMsgs, rate("in_msgs"));
      push(series.outMsgs, rate("out_msgs"));
      push(series.inBytes, rate("in_bytes"));
      push(series.outBytes, rate("out_bytes"));
      text("in-msgs-rate", count(rate("in_msgs")));
      text("out-msgs-rate", count(rate("out_msgs")));
      text("in-bytes-rate", bytes(rate("in_bytes")));
      text("out-bytes-rate", bytes(rate("out_bytes")));
    }
    previous = { time: now, varz: varz };
    chart("msgs-chart", [{ values: series.inMsgs, color: "#2f7dd1" }, { values: series.outMsgs, color: "#e0821c" }], count);
    chart("bytes-chart", [{ values: series.inBytes, color: "#2f7dd1" }, { values: series.outBytes, color: "#e0821c" }], bytes);
  }

  async function refresh() {
    try {
      const [varz, connz, routez, gatewayz, leafz, bundlez, metrics] = await Promise.all([
        get("/varz"), get("/connz?sort=msgs_to&limit=20"), get("/routez"), get("/gatewayz"),
        get("/leafz"), get("/bundlez"), get("/metrics")]);
      text("server-name", varz.server_name);
      text("version", "nats-server " + varz.version + " protocol");
      text("uptime", "up " + varz.uptime);
      text("connections", count(varz.connections));
      text("total-connections", count(varz.total_connections));
      text("subscriptions", count(varz.subscriptions));
      text("in-msgs", count(varz.in_msgs));
      text("out-msgs", count(varz.out_msgs));
      text("in-bytes", bytes(varz.in_bytes));
      text("out-bytes", bytes(varz.out_bytes));
      text("slow-consumers", count(varz.slow_consumers));
      text("slow-causes", slowConsumerCauses(metrics));
      text("routes", varz.routes);
      text("leafnodes", varz.leafnodes);
      const types = {};
      connz.connections.forEach((c) => { types[c.type] = (types[c.type] || 0) + 1; });
      text("transports", Object.entries(types).map(([type, n]) => type + " " + n).join(" · "));
      traffic(varz);
      rows("connections-table", connz.connections, (c) => [c.cid, c.name || "", c.type, c.ip + ":" + c.port,
        c.lang ? c.lang + " " + c.version : "", c.subscriptions, count(c.in_msgs), count(c.out_msgs),
        bytes(c.pending_bytes), c.rtt, c.uptime]);
      rows("routes-table", routez.routes, (r) => [r.rid, r.remote_id.slice(0, 12), r.ip + ":" + r.port,
        count(r.in_msgs), count(r.out_msgs), r.subscriptions]);
      const gateways = [];
      for (const [name, g] of Object.entries(gatewayz.outbound_gateways || {})) { gateways.push([name, "outbound", g.connection]); }
      for (const [name, list] of Object.entries(gatewayz.inbound_gateways || {})) {
        list.forEach((g) => gateways.push([name, "inbound", g.connection]));
      }
      text("gateways", gateways.length);
      rows("gateways-table", gateways, ([name, direction, c]) => [name, direction, c.ip + ":" + c.port,
        count(c.in_msgs), count(c.out_msgs), c.rtt]);
      rows("leafs-table", leafz.leafs || [], (l) => [l.account, l.ip + ":" + l.port, count(l.in_msgs),
        count(l.out_msgs), l.subscriptions, l.rtt]);
      rows("bundles-table", bundlez.bundles, (b) => [b.id, b.symbolic_name, b.version, b.state]);
      const health = await fetch(base + "/healthz", { cache: "no-store" }).then((r) => r.json());
      $("health").textContent = health.status;
      $("health").className = "badge " + health.status;
    } catch (e) {
      $("health").textContent = "unreachable";
      $("health").className = "badge error";
    }
  }

  const links = $("links");
  for (const path of ["varz", "connz", "routez", "gatewayz", "leafz", "subsz", "accountz", "accstatz", "healthz", "bundlez", "metrics"]) {
    const a = document.createElement("a");
    a.href = base + "/" + path;
    a.textContent = path;
    links.appendChild(a);
  }
  refresh();
  setInterval(refresh, 1000);
}());
