import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import type { Queue } from "bullmq";
import { Router, type NextFunction, type Request, type Response } from "express";
import type { Authenticator } from "../auth/authenticator";

export const BULL_BOARD_PATH = "/admin/queues";

/** Bull Board behind the operator token (Bearer, or Basic with the token as password for browsers); it lists every queue of the catalog. */
export function bullBoardRouter(deps: { auth: Authenticator; queues: readonly Queue[] }): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({ queues: deps.queues.map((q) => new BullMQAdapter(q)), serverAdapter });

  const router = Router();
  router.use(
    BULL_BOARD_PATH,
    (req: Request, res: Response, next: NextFunction) => {
      if (deps.auth.isOperator(req)) return next();
      res
        .status(401)
        .set("WWW-Authenticate", 'Basic realm="CauseFlow Bull Board", charset="UTF-8"')
        .json({ error: "unauthorized", message: "operator token required (Basic auth: any user, ADMIN_TOKEN as password)" });
    },
    serverAdapter.getRouter(),
  );
  return router;
}
