import { EnvError } from "@causeflow/config";

export interface RunningService {
  logger: { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
  /** How long `stop` may take before the process exits anyway. */
  shutdownTimeoutMs: number;
  /** Stops taking work, finishes what is in flight within `deadlineMs`, then closes connections. */
  stop: (deadlineMs: number) => Promise<void>;
}

/**
 * Runs a service's composition root: a bad environment prints the EnvError's message (naming each
 * bad variable) and exits 1; SIGTERM/SIGINT stop the service gracefully, and a stop that outlives
 * its deadline (a store that does not answer) exits anyway, so no process lingers.
 */
export function runService(name: string, start: () => Promise<RunningService>): void {
  start().then(
    ({ logger, stop, shutdownTimeoutMs }) => {
      const shutdown = (signal: string) => {
        logger.info({ signal, deadlineMs: shutdownTimeoutMs }, `${name} stopping`);
        const hardStop = setTimeout(() => {
          logger.error({ deadlineMs: shutdownTimeoutMs }, `${name} did not stop within its deadline; exiting`);
          process.exit(1);
        }, shutdownTimeoutMs + 2_000);
        hardStop.unref();
        stop(shutdownTimeoutMs).then(
          () => {
            logger.info({}, `${name} stopped`);
            process.exit(0);
          },
          (error: unknown) => {
            logger.error({ err: error }, `${name} did not stop cleanly`);
            process.exit(1);
          },
        );
      };
      process.once("SIGTERM", () => shutdown("SIGTERM"));
      process.once("SIGINT", () => shutdown("SIGINT"));
    },
    (error: unknown) => {
      console.error(error instanceof EnvError ? error.message : error);
      process.exit(1);
    },
  );
}
