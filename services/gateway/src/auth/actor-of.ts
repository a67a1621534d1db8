import { keyActor, OPERATOR_ACTOR, type Actor } from "@causeflow/contracts";
import type { Principal } from "./authenticator";

/** Who a request acts as, for the activity record (contract §7). */
export function actorOf(principal: Principal): Actor {
  return principal.kind === "key" ? keyActor(principal.key.keyId) : OPERATOR_ACTOR;
}
