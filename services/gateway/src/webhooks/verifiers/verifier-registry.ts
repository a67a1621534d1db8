import { verifyGrafana } from "./grafana-verifier";
import type { NativeVerifierRegistry } from "./native-verifier";
import { verifyPagerDuty } from "./pagerduty-verifier";
import { verifySentry } from "./sentry-verifier";

/** Native signature verifiers by scheme (SNS message signatures are not supported yet). */
export const nativeVerifiers: NativeVerifierRegistry = {
  grafana: verifyGrafana,
  sentry: verifySentry,
  pagerduty: verifyPagerDuty,
};
