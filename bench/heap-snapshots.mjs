// The live heap of a service: V8 collects garbage before it writes a heap snapshot, so the sum of
// the snapshot's objects is what the process keeps, whatever its RSS (V8 keeps the pages it grew).
import { openSync, readFileSync, readSync, readdirSync, rmSync, statSync, closeSync } from "node:fs";
import path from "node:path";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Node flags that make a service write a heap snapshot into `dir` on SIGUSR2. */
export const heapSnapshotFlags = (dir) => ["--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${dir}`];

/** Asks the process for a heap snapshot, waits until it is written, and returns its objects' total size in MB (the file is deleted). */
export async function liveHeapMb(pid, dir, timeoutMs = 120_000) {
  const mine = () => readdirSync(dir).filter((f) => f.includes(`.${pid}.`) && f.endsWith(".heapsnapshot"));
  const before = new Set(mine());
  process.kill(pid, "SIGUSR2");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const file = mine().find((f) => !before.has(f));
    const bytes = file && complete(path.join(dir, file)) ? liveBytes(path.join(dir, file)) : null;
    if (bytes !== null) {
      rmSync(path.join(dir, file));
      return Math.round(bytes / 1e5) / 10;
    }
    if (Date.now() > deadline) return NaN;
    await sleep(250);
  }
}

/** A snapshot is one JSON object: written when its last characters close it. */
function complete(file) {
  const size = statSync(file).size;
  if (size < 16) return false;
  const fd = openSync(file, "r");
  const tail = Buffer.alloc(16);
  readSync(fd, tail, 0, 16, size - 16);
  closeSync(fd);
  return tail.toString("utf8").trimEnd().endsWith("]}");
}

/** The sum of the objects' own sizes; null while the file is not whole yet. */
function liveBytes(file) {
  let snapshot;
  try {
    snapshot = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
  const fields = snapshot.snapshot.meta.node_fields;
  const selfSize = fields.indexOf("self_size");
  let total = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) total += snapshot.nodes[i + selfSize];
  return total;
}
