import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, type WriteStream } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

/** One CauseFlow service run from its build (services/<name>/dist/main.js), as operators run it. */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private readonly log: WriteStream;

  constructor(
    readonly name: "gateway" | "normalizer" | "triage" | "notifier",
    private readonly env: NodeJS.ProcessEnv,
    logDir: string,
  ) {
    this.log = createWriteStream(path.join(logDir, `${name}.log`), { flags: "a" });
  }

  start(): void {
    this.child = spawn(process.execPath, [path.join(ROOT, "services", this.name, "dist", "main.js")], {
      env: { ...process.env, ...this.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout!.pipe(this.log, { end: false });
    this.child.stderr!.pipe(this.log, { end: false });
  }

  /** kill -9, at whatever point the service is. */
  async kill(): Promise<void> {
    await this.signal("SIGKILL");
  }

  /** SIGTERM, and how long the process took to exit. */
  async terminate(): Promise<{ code: number | null; ms: number }> {
    const started = Date.now();
    const code = await this.signal("SIGTERM");
    return { code, ms: Date.now() - started };
  }

  private async signal(signal: NodeJS.Signals): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill(signal);
    return exited;
  }

  close(): void {
    this.child?.kill("SIGKILL");
    this.log.end();
  }
}
