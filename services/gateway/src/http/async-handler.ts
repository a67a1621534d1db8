import type { NextFunction, Request, RequestHandler, Response } from "express";

/** Lets a route be an async function whose errors reach the error handler. */
export function asyncHandler(fn: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    fn(req, res).catch(next);
  };
}
