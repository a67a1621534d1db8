import { z } from "zod";
import { Actor } from "../actor";
import { SilenceMatcher, SilenceMatchers } from "../silence";
import { Timestamp } from "./common";

export const CreateSilenceBody = z
  .object({
    matchers: SilenceMatchers,
    startsAt: z.iso.datetime({ offset: true }).optional().describe("default: now; a future start makes a maintenance window"),
    endsAt: z.iso.datetime({ offset: true }),
    comment: z.string().trim().min(1).max(2000),
  })
  .refine((b) => new Date(b.endsAt).getTime() > new Date(b.startsAt ?? Date.now()).getTime(), {
    message: "endsAt must be after startsAt (and in the future)",
    path: ["endsAt"],
  });

export const SilenceState = z.enum(["active", "pending", "expired"]);

export const Silence = z.strictObject({
  silenceId: z.string(),
  matchers: z.array(SilenceMatcher),
  startsAt: Timestamp,
  endsAt: Timestamp,
  comment: z.string(),
  state: SilenceState,
  createdBy: Actor,
  createdAt: Timestamp,
});
export type Silence = z.infer<typeof Silence>;
export const SilenceList = z.strictObject({ items: z.array(Silence) });
export const SilenceListQuery = z.object({ state: SilenceState.optional() });

export type CreateSilenceBody = z.infer<typeof CreateSilenceBody>;
export type SilenceState = z.infer<typeof SilenceState>;
export type SilenceList = z.infer<typeof SilenceList>;
export type SilenceListQuery = z.infer<typeof SilenceListQuery>;
