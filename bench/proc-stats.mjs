// CPU time and memory of processes, read from /proc (Linux): what the bench reports per alert.
import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux

/**
 * CPU of a process in ms, its own (utime + stime) and that of its children it has reaped (cutime +
 * cstime): a PostgreSQL backend that exits between two snapshots stays counted, in the postmaster.
 * 0 when the process is gone.
 */
export function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * TICK_MS;
  } catch {
    return 0;
  }
}

export function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

/** Every pid whose command name is `name` (postgres backends, redis-server). */
export function pidsNamed(name) {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === name;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** CPU of each group of processes now; `since` gives the difference. */
export function cpuSnapshot(groups) {
  const snap = {};
  for (const [name, pids] of Object.entries(groups))
    snap[name] = (typeof pids === "function" ? pids() : pids).reduce((sum, pid) => sum + cpuMs(pid), 0);
  return snap;
}
