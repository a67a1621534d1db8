import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";

/** The machine's PostgreSQL binaries (Debian keeps them per major version). */
function binDir(): string {
  const root = "/usr/lib/postgresql";
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  if (!version) throw new Error("no PostgreSQL binaries in /usr/lib/postgresql");
  return path.join(root, version, "bin");
}

/** As root, Postgres tools must run as the postgres user. */
function asPostgres(command: string, args: string[]): string[] {
  return process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--", command, ...args] : [command, ...args];
}

/**
 * A PostgreSQL of the fault suite's own (initdb + pg_ctl on a free port), which it may stop with
 * `-m immediate` (a crash) and start again, never touching the machine's shared instance.
 */
export class PrivatePostgres {
  private readonly data: string;
  private readonly bin = binDir();

  constructor(
    private readonly dir: string,
    readonly port: number,
  ) {
    this.data = path.join(dir, "pg");
  }

  get url(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/causeflow`;
  }

  init(): void {
    mkdirSync(this.dir, { recursive: true });
    if (process.getuid?.() === 0) {
      chownSync(
        this.dir,
        Number(execFileSync("id", ["-u", "postgres"]).toString()),
        Number(execFileSync("id", ["-g", "postgres"]).toString()),
      );
      chmodSync(this.dir, 0o700);
    }
    if (!existsSync(path.join(this.data, "PG_VERSION"))) {
      this.run(path.join(this.bin, "initdb"), ["-D", this.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
    }
  }

  start(): void {
    this.run(path.join(this.bin, "pg_ctl"), [
      "-D",
      this.data,
      "-l",
      path.join(this.dir, "postgres.log"),
      "-w",
      "-o",
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
      "start",
    ]);
  }

  /** Stops like a crash: no checkpoint, clients cut off. */
  crash(): void {
    this.run(path.join(this.bin, "pg_ctl"), ["-D", this.data, "-m", "immediate", "-w", "stop"]);
  }

  stop(): void {
    const [cmd, ...args] = asPostgres(path.join(this.bin, "pg_ctl"), ["-D", this.data, "-m", "fast", "-w", "stop"]);
    spawnSync(cmd!, args, { stdio: "ignore" });
  }

  private run(command: string, args: string[]): void {
    const [cmd, ...rest] = asPostgres(command, args);
    const result = spawnSync(cmd!, rest, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${path.basename(command)} failed: ${result.stderr || result.stdout}`);
  }
}
