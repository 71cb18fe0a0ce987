// nats.ws on Node.js, talking through Switchboard's websocket listener to a nats.java client on TCP.
// The Java side drives the exchange; this side checks what it receives and reports on "node.report".
// Usage: node bridge.mjs ws://127.0.0.1:PORT
import WebSocket from "ws";

globalThis.WebSocket = WebSocket;
const { connect, headers, StringCodec } = await import("nats.ws");

const sc = StringCodec();
const url = process.argv[2];
const nc = await connect({ servers: url, name: "node-bridge" });

// callbacks run in the order messages arrive, so the fence comes after everything sent before it
const received = [];
nc.subscribe("node.in", {
  callback: (err, m) => received.push({ data: sc.decode(m.data), from: m.headers?.get("From") ?? "" }),
});
let queueCount = 0;
nc.subscribe("node.q", { queue: "workers", callback: () => queueCount++ });
const fenced = new Promise((resolve) => nc.subscribe("node.fence", { max: 1, callback: resolve }));
// the Java side's request may come at any point of the exchange: stay until it has been answered
let answered;
const serviceUsed = new Promise((resolve) => (answered = resolve));
nc.subscribe("node.svc", {
  callback: (err, m) => {
    const h = headers();
    h.set("Answered-By", "node");
    m.respond(sc.encode("node: " + sc.decode(m.data)), { headers: h });
    answered();
  },
});

await nc.flush();
nc.publish("node.ready");

// the Java side publishes node.in and node.q before the fence, so both are complete once it arrives
await fenced;

const h = headers();
h.set("Asked-By", "node");
const reply = await nc.request("java.svc", sc.encode("hello"), { timeout: 10000, headers: h });

for (let i = 0; i < 10; i++) {
  const out = headers();
  out.set("From", "node");
  nc.publish("node.out", sc.encode("from node " + i), { headers: out });
}

nc.publish("node.report", sc.encode(JSON.stringify({
  received,
  queueCount,
  reply: sc.decode(reply.data),
  replyHeader: reply.headers?.get("Answered-By") ?? "",
})));
await serviceUsed;
await nc.drain();
