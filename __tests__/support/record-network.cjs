/**
 * Preloaded (`node --require`) into a process under test, and through NODE_OPTIONS into every
 * Node process it starts: each outgoing connection and each DNS lookup is appended to the file
 * named by EKS_NETWORK_LOG, then refused with an error. A synth that phones home shows up in that file.
 */
const fs = require("node:fs");
const net = require("node:net");
const dns = require("node:dns");

const log = process.env.EKS_NETWORK_LOG;
if (!log) throw new Error("record-network.cjs: EKS_NETWORK_LOG is not set");
const record = (what) => fs.appendFileSync(log, `${process.pid} ${what}\n`);

const refused = () => new Error("record-network.cjs: no network in this test");

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // net.connect() hands its arguments over normalized, as one array.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const target = typeof first === "object" && first !== null ? first : { port: first, host: args[1] };
  // Local pipes (tsx's IPC, for one) have a path and no port; they are not the network.
  if (target.port !== undefined) {
    record(`connect ${target.host ?? "localhost"}:${target.port}`);
    process.nextTick(() => this.destroy(refused()));
    return this;
  }
  return connect.apply(this, args);
};
dns.lookup = function (host, ...rest) {
  record(`lookup ${host}`);
  const callback = rest.find((a) => typeof a === "function");
  process.nextTick(() => callback(refused()));
};
dns.promises.lookup = async function (host) {
  record(`lookup ${host}`);
  throw refused();
};
