import { EnvError } from "@causeflow/config";

export interface RunningService {
  logger: { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
  /** Closes servers, workers, queues and connections, in that order. */
  stop: () => Promise<void>;
}

/**
 * Runs a service's composition root: a bad environment prints the EnvError's message (naming each
 * bad variable) and exits 1; SIGTERM/SIGINT stop the service gracefully.
 */
export function runService(name: string, start: () => Promise<RunningService>): void {
  start().then(
    ({ logger, stop }) => {
      const shutdown = (signal: string) => {
        logger.info({ signal }, `${name} stopping`);
        stop().then(
          () => process.exit(0),
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
