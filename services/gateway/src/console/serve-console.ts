import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import express, { Router } from "express";

/** Where `npm run build` puts the console (services/console/dist), or null when it is not built. */
export function consoleDistDir(): string | null {
  try {
    const dir = path.join(path.dirname(createRequire(__filename).resolve("@causeflow/console/package.json")), "dist");
    return existsSync(path.join(dir, "index.html")) ? dir : null;
  } catch {
    return null;
  }
}

const NOT_THE_CONSOLE = /^\/(v1|admin|healthz|readyz|metrics)(\/|$)/;

/**
 * The web console (contract §10) at `/`: hashed assets cached for a year, index.html never (so a
 * new version shows at once), every other page path answered with index.html (client routing).
 */
export function serveConsole(dir: string | null): Router {
  const router = Router();
  if (!dir) {
    router.get("/", (_req, res) => {
      res.type("text/plain").send("The CauseFlow console is not built: run `npm run build` (the API is under /v1).");
    });
    return router;
  }
  router.use(
    "/assets",
    express.static(path.join(dir, "assets"), { immutable: true, maxAge: "365d", index: false, fallthrough: false }),
  );
  router.use(express.static(dir, { index: false, maxAge: "1h" }));
  router.get(/.*/, (req, res, next) => {
    if (NOT_THE_CONSOLE.test(req.path) || path.extname(req.path)) return next();
    res.set("Cache-Control", "no-cache").sendFile(path.join(dir, "index.html"));
  });
  return router;
}
