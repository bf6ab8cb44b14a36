/*
 * Credentials kept out of the messages users read. A tracker, a metric source or a proxy in front
 * of them may echo the request's headers in an error body, and those bodies are quoted: on the
 * backlog's tracker states, the metric-sources route, SLOs' stored no-data reasons and in logs.
 */

/** Secrets shorter than this are not blanked out of messages (see withoutCredentials). */
const MIN_SECRET_LENGTH = 6;

/** What a secret is replaced with. */
const REDACTED = '[redacted]';

/**
 * The secrets an Authorization header value carries: the whole value, its credential (a bearer
 * token, a basic pair's base64) and, for basic, the decoded `user:password` pair and its password.
 */
export function authorizationSecrets(value: string): string[] {
  const trimmed = value.trim();
  const credential = trimmed.replace(/^\S+\s+/, '');
  const secrets = [trimmed, credential];
  if (/^basic\s/i.test(trimmed)) {
    const pair = Buffer.from(credential, 'base64').toString('utf8');
    secrets.push(pair, pair.slice(pair.indexOf(':') + 1));
  }
  return secrets;
}

/**
 * `text` with every one of `secrets` in it replaced by `[redacted]`. Clean a body before cutting
 * it short, so that no part of a secret is left at the cut.
 */
export function withoutCredentials(
  text: string,
  secrets: Iterable<string>,
): string {
  let cleaned = text;
  // Longest first, so a token inside a whole header value leaves no part of it behind. Very short
  // values are left alone: blanking them would garble the message and hide nothing.
  const longestFirst = [...new Set(secrets)]
    .map(secret => secret.trim())
    .filter(secret => secret.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  for (const secret of longestFirst) {
    cleaned = cleaned.split(secret).join(REDACTED);
  }
  return cleaned;
}

/**
 * A configured URL as an error message may quote it, without what could be a user name and
 * password: everything between the scheme and the last `@` (a malformed URL cannot be parsed to
 * find its user info, and one with a password is malformed if the password holds a `/`).
 */
export function withoutUserInfo(text: string): string {
  const at = text.lastIndexOf('@');
  if (at < 0) return text;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text)?.[0] ?? '';
  return `${scheme}${REDACTED}@${text.slice(at + 1)}`;
}
