/*
 * The demo's Jira stand-in (scripts/demo/jira.mjs, demo data) read by the real Jira provider with
 * the demo's config, so command 1's Backlog tab has tracker items: the annotated demo projects
 * answer in rank order across pages, Done issues are left out, wrong credentials are refused.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { component } from '../__testUtils__/entities';
import { providerError } from '../__testUtils__/trackerServer';
import { JiraBacklogProvider } from './JiraBacklogProvider';

const script = path.resolve(__dirname, '../../../../scripts/demo/jira.mjs');

describe('the demo Jira (scripts/demo/jira.mjs)', () => {
  let child: ChildProcess;
  let baseUrl: string;

  beforeAll(async () => {
    child = spawn(process.execPath, [script], {
      env: { ...process.env, STEWARDSHIP_DEMO_JIRA_PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    baseUrl = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        const match = chunk.toString().match(/on (http:\/\/127\.0\.0\.1:\d+)/);
        if (match) resolve(match[1]);
      });
      child.on('exit', code => reject(new Error(`exited with ${code}`)));
    });
  });
  afterAll(() => {
    child.kill('SIGTERM');
  });

  const read = (key: string, apiToken = 'demo-jira-token') =>
    JiraBacklogProvider.fromConfig(
      new ConfigReader({
        stewardship: {
          backlog: {
            jira: {
              baseUrl,
              email: 'demo@stewardship.example',
              apiToken,
              pageSize: 3,
            },
          },
        },
      }),
    ).readItems({
      entity: component('x', { annotations: { 'jira/project-key': key } }),
      entityRef: 'component:default/x',
      credentials: mockCredentials.user(),
      maxItems: 100,
      signal: AbortSignal.timeout(5000),
    });

  it('lists the open CHK issues in rank order across pages, without the Done one', async () => {
    const { items } = await read('CHK');
    expect(items.map(i => i.key)).toEqual([
      'CHK-101',
      'CHK-97',
      'CHK-88',
      'CHK-84',
      'CHK-60',
      'CHK-41',
      'CHK-33',
    ]);
    expect(items[4]).toMatchObject({ status: 'Needs Triage', labels: ['slo'] });
    expect(items[4]).not.toHaveProperty('priority');
  });

  it('serves every annotated demo project', async () => {
    expect((await read('PAY')).items).toHaveLength(5);
    expect((await read('BILL')).items).toHaveLength(5);
  });

  it('refuses other credentials and unknown projects as Jira would', async () => {
    await expect(read('CHK', 'wrong')).rejects.toMatchObject(
      providerError('Jira: token rejected (HTTP 401)'),
    );
    await expect(read('NOPE')).rejects.toMatchObject(
      providerError(
        "Jira: HTTP 400: The value 'NOPE' does not exist for the field 'project'.",
      ),
    );
  });
});
