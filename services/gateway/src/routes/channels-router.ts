import { CreateChannelBody, DeliveryListQuery, PatchChannelBody, type Delivery as DeliveryJson } from "@causeflow/contracts/http";
import type { Delivery } from "@causeflow/db";
import {
  channelJson,
  createChannel,
  deleteChannel,
  NotFound,
  openChannelConfig,
  updateChannel,
  type ChannelDeps,
} from "@causeflow/domain";
import { sendToChannel, type ChannelSenderDeps, type NotificationSubject } from "@causeflow/notify";
import { Router } from "express";
import { actorOf } from "../auth/actor-of";
import { authOf, type Authenticator } from "../auth/authenticator";
import { asyncHandler } from "../http/async-handler";
import { jsonBody } from "../http/json-body";
import { validate } from "../http/validate";

function deliveryJson(d: Delivery): DeliveryJson {
  return {
    deliveryId: d.id,
    activityId: Number(d.activitySeq),
    activityType: d.activityType,
    incidentId: d.incidentId,
    status: d.status,
    attempts: d.attempts,
    responseStatus: d.responseStatus,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
  };
}

/** A message that says it is a test, shaped like a real one. */
function testSubject(tenantId: string, publicUrl: string): NotificationSubject {
  const now = new Date().toISOString();
  return {
    activity: {
      activityId: 0,
      tenantId,
      type: "incident.created",
      incidentId: null,
      actor: { kind: "system", id: null },
      occurredAt: now,
      message: "This is a test notification from CauseFlow: the channel works.",
      data: { test: true },
    },
    incident: {
      incidentId: "inc_test",
      title: "CauseFlow test notification",
      severity: "high",
      status: "open",
      source: "causeflow",
      service: "causeflow",
      environment: "test",
      duplicateCount: 0,
      url: null,
    },
    rootCause: null,
    proposal: null,
    consoleUrl: `${publicUrl.replace(/\/$/, "")}/`,
  };
}

/** Notification channels (contract §8): the operator or an `admin` key of the tenant. */
export function channelsRouter(deps: {
  domain: ChannelDeps;
  auth: Authenticator;
  sender: ChannelSenderDeps;
  publicUrl: string;
}): Router {
  const router = Router();
  const base = "/v1/tenants/:tenantId/channels";
  const { prisma } = deps.domain;
  const find = async (tenantId: string, channelId: string) => {
    const channel = await prisma.channel.findFirst({ where: { id: channelId, tenantId } });
    if (!channel) throw new NotFound("channel");
    return channel;
  };

  router.post(
    base,
    jsonBody("64kb"),
    deps.auth.tenantAdmin(),
    asyncHandler(async (req, res) => {
      const body = validate(CreateChannelBody, req.body);
      const { tenantId, principal } = authOf(res);
      const { channel, signingSecret } = await createChannel(deps.domain, { tenantId, body, actor: actorOf(principal) });
      res.status(201).json({ ...channelJson(channel), ...(signingSecret ? { signingSecret } : {}) });
    }),
  );
  router.get(
    base,
    deps.auth.tenantAdmin(),
    asyncHandler(async (_req, res) => {
      const rows = await prisma.channel.findMany({ where: { tenantId: authOf(res).tenantId }, orderBy: { createdAt: "asc" } });
      res.json({ items: rows.map(channelJson) });
    }),
  );
  router.get(
    `${base}/:channelId`,
    deps.auth.tenantAdmin(),
    asyncHandler(async (req, res) => {
      res.json(channelJson(await find(authOf(res).tenantId, String(req.params.channelId))));
    }),
  );
  router.patch(
    `${base}/:channelId`,
    jsonBody("64kb"),
    deps.auth.tenantAdmin(),
    asyncHandler(async (req, res) => {
      const changes = validate(PatchChannelBody, req.body);
      const { tenantId, principal } = authOf(res);
      const channel = await updateChannel(deps.domain, {
        tenantId,
        channelId: String(req.params.channelId),
        changes,
        actor: actorOf(principal),
      });
      res.json(channelJson(channel));
    }),
  );
  router.delete(
    `${base}/:channelId`,
    deps.auth.tenantAdmin(),
    asyncHandler(async (req, res) => {
      const { tenantId, principal } = authOf(res);
      await deleteChannel(deps.domain, { tenantId, channelId: String(req.params.channelId), actor: actorOf(principal) });
      res.status(204).end();
    }),
  );
  router.post(
    `${base}/:channelId/test`,
    deps.auth.tenantAdmin(),
    asyncHandler(async (req, res) => {
      const { tenantId } = authOf(res);
      const channel = await find(tenantId, String(req.params.channelId));
      const config = openChannelConfig(deps.domain.secrets, channel.configEnc);
      const result = await sendToChannel(
        deps.sender,
        config,
        testSubject(tenantId, deps.publicUrl),
        `test-${channel.id}-${Date.now()}`,
      );
      res.json({ delivered: result.delivered, responseStatus: result.responseStatus, error: result.error });
    }),
  );
  router.get(
    `${base}/:channelId/deliveries`,
    deps.auth.tenantAdmin(),
    asyncHandler(async (req, res) => {
      const q = validate(DeliveryListQuery, req.query, "query");
      const channel = await find(authOf(res).tenantId, String(req.params.channelId));
      const rows = await prisma.delivery.findMany({
        where: { channelId: channel.id, ...(q.status ? { status: q.status } : {}) },
        orderBy: [{ createdAt: "desc" }, { activitySeq: "desc" }],
        take: q.limit,
      });
      res.json({ items: rows.map(deliveryJson) });
    }),
  );
  return router;
}
