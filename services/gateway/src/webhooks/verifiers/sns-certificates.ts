import { createPublicKey, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { isSnsUrl } from "@causeflow/providers";
import { LRUCache } from "lru-cache";
import { HttpError } from "../../http/http-error";
import { RETRY_AFTER_SECONDS } from "../../http/error-handler";

/** Downloads a PEM certificate; injectable so tests never reach the network. */
export type CertificateFetcher = (url: string) => Promise<string>;

const FETCH_TIMEOUT_MS = 5000;

export const fetchCertificateOverHttps: CertificateFetcher = async (url) => {
  const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: "error" });
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
  return res.text();
};

/** Thrown for a SigningCertURL that is not an SNS certificate: the message cannot be trusted. */
export class CertificateRefused extends Error {}

/**
 * SNS signing certificates by URL: only `https://sns.<region>.amazonaws.com[.cn]/….pem`; first
 * looked up by file name in SNS_CERT_DIR (trusted as is), else fetched; cached either way.
 */
export class SnsCertificateStore {
  private readonly cache = new LRUCache<string, Promise<KeyObject>>({ max: 100, ttl: 24 * 3600 * 1000 });

  constructor(
    private readonly certDir: string | undefined,
    private readonly fetcher: CertificateFetcher = fetchCertificateOverHttps,
  ) {}

  publicKey(certUrl: string): Promise<KeyObject> {
    if (!isSnsUrl(certUrl, { pem: true })) {
      return Promise.reject(new CertificateRefused(`SigningCertURL is not an SNS certificate URL: ${certUrl}`));
    }
    let key = this.cache.get(certUrl);
    if (!key) {
      key = this.load(certUrl);
      this.cache.set(certUrl, key);
      key.catch(() => this.cache.delete(certUrl));
    }
    return key;
  }

  private async load(certUrl: string): Promise<KeyObject> {
    const pem = (await this.fromDir(certUrl)) ?? (await this.download(certUrl));
    try {
      return createPublicKey(pem);
    } catch {
      throw new CertificateRefused(`SigningCertURL did not give a PEM certificate: ${certUrl}`);
    }
  }

  private async fromDir(certUrl: string): Promise<string | null> {
    if (!this.certDir) return null;
    const file = path.basename(new URL(certUrl).pathname);
    try {
      return await readFile(path.join(this.certDir, file), "utf8");
    } catch {
      return null;
    }
  }

  private async download(certUrl: string): Promise<string> {
    try {
      return await this.fetcher(certUrl);
    } catch (error) {
      // Not the sender's fault: ask SNS to retry later.
      throw new HttpError(
        503,
        "unavailable",
        `could not fetch the SNS signing certificate: ${(error as Error).message}`,
        {},
        {
          "Retry-After": String(RETRY_AFTER_SECONDS),
        },
      );
    }
  }
}
