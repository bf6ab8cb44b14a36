import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { FuzzCase } from './fuzzCases';
import { Operation } from './operations';
import { Exchange, sendCase } from './sendCase';
import { SloPool } from './SloPool';
import { createSpecChecker } from './specChecker';
import { tableDigest } from './tableDigest';
import { signPagerDutyBody } from '../../incidents/pagerduty/verifyPagerDutySignature';

const cut = (text: string, length = 300) =>
  text.length > length
    ? `${text.slice(0, length)}… (${text.length} chars)`
    : text;

/**
 * The longest error reply expected: a message says at most 20 problems, each quoting a value or
 * field name cut short. A reply above it is a request made to cost what it should not (a
 * validator that reported each of 500,000 wrong items answered 23 MB, after 13 s).
 */
const ERROR_REPLY_LIMIT = 64 * 1024;

/**
 * Sends cases to the plugin, each without and then with credentials, and judges every exchange:
 * the response must be one the spec lists (status, content type, body, Backstage error shape),
 * never a 5xx; without credentials it must be 401, with them never; input the spec rules out
 * must not succeed, and its 400 must name the broken field, in a reply of at most
 * {@link ERROR_REPLY_LIMIT}; a rejected (4xx) request must leave every row of the plugin's tables
 * as it was. Counts requests by operation and status.
 */
export class FuzzRun {
  private readonly checker: ReturnType<typeof createSpecChecker>;
  private readonly statuses = new Map<string, Map<number, number>>();
  private readonly failures = new Map<
    string,
    { count: number; example: string }
  >();
  private digest: string | undefined;
  private sequence = 0;

  constructor(
    private readonly options: {
      app: any;
      base: string;
      knex: Knex;
      pool: SloPool;
      spec: any;
      /** Logs every valid case the server refused (STEWARDSHIP_FUZZ_VERBOSE). */
      verbose?: boolean;
      /** Signs the PagerDuty webhook's bodies when a case is sent "with credentials". */
      webhookSecret?: string;
    },
  ) {
    this.checker = createSpecChecker(options.spec);
  }

  /** Sends the case without credentials (none, or an invalid token), then with a user's or a service's. */
  async exercise(fuzzCase: FuzzCase) {
    const i = this.sequence++;
    const without =
      i % 4 === 0 ? mockCredentials.user.invalidHeader() : undefined;
    const withCredentials =
      i % 5 === 0
        ? mockCredentials.service.header()
        : mockCredentials.user.header('user:default/jane');
    await this.sendAndJudge(fuzzCase, without, false);
    await this.sendAndJudge(fuzzCase, withCredentials, true);
  }

  private async sendAndJudge(
    fuzzCase: FuzzCase,
    auth: string | undefined,
    authenticated: boolean,
  ) {
    const { operation } = fuzzCase;
    const { knex, pool } = this.options;
    this.digest ??= await tableDigest(knex);
    // The webhook's credentials are its signature; without one it must answer 401 like any
    // other route (or 413 for a body too large to be read for checking).
    const signed = operation.security?.includes('pagerDutySignature');
    const secret = this.options.webhookSecret;
    const exchange = await sendCase({
      ...this.options,
      fuzzCase,
      auth,
      sign:
        signed && authenticated && secret
          ? text => signPagerDutyBody(text, secret)
          : undefined,
    });
    const { status, text } = exchange.received;
    this.count(operation.operationId, status);

    const problems = this.checker.responseProblems(
      operation,
      exchange.received,
    );
    const specProblem = this.checker.requestProblem(operation, exchange.sent);
    if (!authenticated && status !== 401 && !(signed && status === 413)) {
      problems.push(`${status} without credentials, not 401`);
    }
    if (authenticated && status === 401) problems.push('401 with credentials');
    if (authenticated && specProblem && status < 400) {
      problems.push(`${status} for input the spec rules out (${specProblem})`);
    }
    if (
      specProblem &&
      status === 400 &&
      fuzzCase.target &&
      !text.includes(fuzzCase.target)
    ) {
      problems.push(`the 400 does not name "${fuzzCase.target}"`);
    }
    if (status >= 400 && text.length > ERROR_REPLY_LIMIT) {
      problems.push(
        `a ${status} of ${text.length} characters, over ${ERROR_REPLY_LIMIT}`,
      );
    }
    const after = await tableDigest(knex);
    if (status >= 400 && status < 500 && after !== this.digest) {
      problems.push('a rejected request changed stored rows');
    }
    this.digest = after;

    if (authenticated && status < 300) {
      pool.observe(
        operation.operationId,
        status,
        parseJson(text),
        exchange.sent.pathParams,
      );
    }
    if (
      this.options.verbose &&
      authenticated &&
      fuzzCase.label === 'valid' &&
      status >= 400
    ) {
      // eslint-disable-next-line no-console
      console.log(
        `${operation.operationId} valid → ${status}: ${cut(text, 600)}`,
      );
    }
    if (problems.length) this.fail(fuzzCase, authenticated, exchange, problems);
  }

  private count(operationId: string, status: number) {
    const byStatus =
      this.statuses.get(operationId) ?? new Map<number, number>();
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    this.statuses.set(operationId, byStatus);
  }

  private fail(
    fuzzCase: FuzzCase,
    authenticated: boolean,
    { url, sent, received }: Exchange,
    problems: string[],
  ) {
    // One entry per operation, kind of case and kind of problem, with its first example.
    const key = `${fuzzCase.operation.operationId} [${fuzzCase.label}]${
      authenticated ? '' : ' without credentials'
    }: ${problems[0].replace(/\d+/g, 'N').slice(0, 100)}`;
    const known = this.failures.get(key);
    if (known) {
      known.count++;
      return;
    }
    const example = [
      `${fuzzCase.operation.method.toUpperCase()} ${cut(url, 200)}`,
      ...(sent.body
        ? [`  ${sent.body.contentType}: ${cut(sent.body.text)}`]
        : []),
      `  → ${received.status} ${received.contentType ?? ''}: ${cut(
        received.text,
      )}`,
      ...problems.map(p => `  ✗ ${p}`),
    ].join('\n');
    this.failures.set(key, { count: 1, example });
  }

  /** Distinct failures, each with how often it happened and one example exchange. */
  failureReport(): string[] {
    return [...this.failures.entries()].map(
      ([key, { count, example }]) => `${key} (${count}×), e.g.\n${example}`,
    );
  }

  /** Requests sent per operation, by status, and the total. */
  summary(operations: Operation[]): { lines: string[]; total: number } {
    let total = 0;
    const lines = operations.map(({ operationId, method, path }) => {
      const byStatus =
        this.statuses.get(operationId) ?? new Map<number, number>();
      const count = [...byStatus.values()].reduce((a, b) => a + b, 0);
      total += count;
      const statuses = [...byStatus.entries()]
        .sort(([a], [b]) => a - b)
        .map(([status, n]) => `${status}×${n}`)
        .join(' ');
      return `  ${method.toUpperCase().padEnd(6)} ${path.padEnd(44)} ${String(
        count,
      ).padStart(5)}  ${statuses}`;
    });
    return { lines, total };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
