import { verifyGitHub } from "./github-verifier";
import { verifyGrafana } from "./grafana-verifier";
import type { NativeVerifierRegistry } from "./native-verifier";
import { verifyPagerDuty } from "./pagerduty-verifier";
import { verifySentry } from "./sentry-verifier";

/** HMAC verifiers by scheme; SNS message signatures are verified by check-sns.ts (certificates, async). */
export const nativeVerifiers: NativeVerifierRegistry = {
  grafana: verifyGrafana,
  sentry: verifySentry,
  pagerduty: verifyPagerDuty,
  github: verifyGitHub,
};
