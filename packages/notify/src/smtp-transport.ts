import nodemailer, { type Transporter } from "nodemailer";

/** The SMTP transport of `SMTP_URL` (e.g. smtp://user:pass@host:587), or null when unset. */
export function createSmtpTransport(smtpUrl: string | undefined): Transporter | null {
  if (!smtpUrl) return null;
  const url = new URL(smtpUrl);
  // Timeouts always apply, whatever the URL says.
  for (const [name, value] of [
    ["connectionTimeout", "10000"],
    ["greetingTimeout", "10000"],
    ["socketTimeout", "20000"],
  ]) {
    if (!url.searchParams.has(name!)) url.searchParams.set(name!, value!);
  }
  return nodemailer.createTransport(url.toString());
}
