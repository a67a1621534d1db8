/** SNS endpoints: `sns.<region>.amazonaws.com` (or `.com.cn`), over HTTPS only. */
const SNS_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

/** True for an https URL on an SNS host (optionally requiring a `.pem` path, for signing certificates). */
export function isSnsUrl(value: string, { pem = false } = {}): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== "https:" || !SNS_HOST.test(url.hostname) || url.port !== "" || url.username || url.password) return false;
  return pem ? url.pathname.endsWith(".pem") : true;
}
