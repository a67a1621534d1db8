import http from "node:http";
import { runReadiness, type ReadinessCheck } from "./readiness";

/**
 * A tiny HTTP server with GET /healthz (process up), GET /readyz (checks pass, else 503) and
 * GET /metrics (Prometheus text), for workers that do not otherwise listen.
 */
export function startHealthServer(
  port: number,
  checks: readonly ReadinessCheck[],
  metrics?: () => Promise<{ contentType: string; body: string }>,
): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "GET") return send(405, { error: "method_not_allowed", message: "use GET" });
    if (req.url === "/healthz") return send(200, { status: "ok" });
    if (req.url === "/metrics" && metrics) {
      void metrics().then(({ contentType, body }) => {
        res.writeHead(200, { "content-type": contentType });
        res.end(body);
      });
      return;
    }
    if (req.url === "/readyz") {
      void runReadiness(checks).then((report) => send(report.ready ? 200 : 503, report));
      return;
    }
    return send(404, { error: "not_found", message: "try /healthz or /readyz" });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => resolve(server));
  });
}
