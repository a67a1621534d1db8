/** An outbound URL refused by the policy: `422 url_not_allowed` when configured, a failed delivery or evidence later. */
export class UrlNotAllowed extends Error {
  override name = "UrlNotAllowed";
  readonly code = "url_not_allowed";
}
