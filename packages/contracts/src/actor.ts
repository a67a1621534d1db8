import { z } from "zod";

/** Who made a change (contract §7): a provider's alert, an API key, the operator, or CauseFlow itself. */
export const ActorKind = z.enum(["provider", "key", "operator", "system"]);
export type ActorKind = z.infer<typeof ActorKind>;

/** `id` is the key id for a key, the provider slug for a provider, null for the operator and the system. */
export const Actor = z.object({ kind: ActorKind, id: z.string().nullable() });
export type Actor = z.infer<typeof Actor>;

export const SYSTEM_ACTOR: Actor = { kind: "system", id: null };
export const OPERATOR_ACTOR: Actor = { kind: "operator", id: null };

export function providerActor(provider: string): Actor {
  return { kind: "provider", id: provider };
}

export function keyActor(keyId: string): Actor {
  return { kind: "key", id: keyId };
}
