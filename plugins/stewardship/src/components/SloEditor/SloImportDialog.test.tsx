import { errorApiRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { SloSpec } from '@stewardship/backstage-plugin-stewardship-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { stewardshipApiRef } from '../../api';
import { ExportOpenSloButton } from './ExportOpenSloButton';
import { SloImportDialog } from './SloImportDialog';

jest.setTimeout(60_000);

const yaml = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: availability
spec:
  service: checkout
`;

const spec: SloSpec = {
  entityRef: 'component:default/checkout',
  name: 'availability',
  sli: { type: 'ratio', good: 'ok_total', total: 'all_total' },
  objective: 0.9995,
  timeWindow: { type: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' },
  budgetingMethod: 'occurrences',
  metricSource: 'prom',
  alertPolicies: [],
  labels: {},
};

function pasteYaml(text: string) {
  fireEvent.change(screen.getByLabelText('OpenSLO or Sloth YAML'), {
    target: { value: text },
  });
}

describe('SloImportDialog', () => {
  it('previews with a dry run, then imports', async () => {
    const importSlos = jest.fn(
      async (_yaml: string, options: { dryRun: boolean }) =>
        options.dryRun ? [spec] : [spec],
    );
    const onImported = jest.fn();
    const api = mockStewardshipApi({ importSlos });
    await renderWithApi(
      <SloImportDialog
        open
        entityRef="component:default/checkout"
        onClose={() => {}}
        onImported={onImported}
      />,
      api,
    );
    const importButton = screen.getByRole('button', { name: 'Import' });
    // Disabled until a preview: the field says so.
    expect(
      screen.getByLabelText('OpenSLO or Sloth YAML'),
    ).toHaveAccessibleDescription(
      /Preview shows what would be created and enables Import/,
    );
    expect(importButton).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Preview' })).toBeDisabled();

    pasteYaml(yaml);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const list = await screen.findByRole('list', { name: 'SLOs to import' });
    expect(screen.getByText('This SLO would be created:')).toBeInTheDocument();
    expect(
      within(list).getByText('availability on component:default/checkout'),
    ).toBeInTheDocument();
    expect(
      within(list).getByText(
        'Objective 99.95 %, calendar month (Europe/Berlin), source prom',
      ),
    ).toBeInTheDocument();
    expect(importSlos).toHaveBeenCalledWith(yaml, {
      dryRun: true,
      entityRef: 'component:default/checkout',
    });
    expect(onImported).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(onImported).toHaveBeenCalledWith([spec]));
    expect(importSlos).toHaveBeenLastCalledWith(yaml, {
      dryRun: false,
      entityRef: 'component:default/checkout',
    });
  });

  it('lists the problems by document and path, and editing asks for a new preview', async () => {
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'InputError',
            // The backend counts documents from 1: these are the first and second documents.
            message:
              'Invalid SLO documents:\ndocument 1: spec.timeWindow: Invalid input: expected array, received undefined\ndocument 2: spec.objectives[0].target: must be below 1',
          },
          response: { statusCode: 400 },
        }),
        {
          status: 400,
          statusText: 'Bad Request',
          headers: { 'Content-Type': 'application/json' },
        },
      ),
    );
    const importSlos = jest
      .fn()
      .mockResolvedValueOnce([spec, { ...spec, name: 'latency' }])
      .mockRejectedValueOnce(error);
    const api = mockStewardshipApi({ importSlos });
    await renderWithApi(
      <SloImportDialog open onClose={() => {}} onImported={() => {}} />,
      api,
    );

    pasteYaml(yaml);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(
      await screen.findByText('These 2 SLOs would be created:'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import' })).toBeEnabled();

    pasteYaml(`${yaml}---\nkind: SLO\n`);
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();
    expect(screen.queryByRole('list', { name: 'SLOs to import' })).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const problems = await screen.findByRole('list', {
      name: 'Import problems',
    });
    expect(
      within(problems)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'document 1: spec.timeWindow: Invalid input: expected array, received undefined',
      'document 2: spec.objectives[0].target: must be below 1',
    ]);
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();
  });
});

describe('SloImportDialog: a failed request', () => {
  async function previewFailing(error: unknown) {
    const api = mockStewardshipApi({
      importSlos: jest.fn().mockRejectedValue(error),
    });
    await renderWithApi(
      <SloImportDialog open onClose={() => {}} onImported={() => {}} />,
      api,
    );
    pasteYaml(yaml);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    return screen.findByRole('alert');
  }

  it('does not blame the YAML when the backend is down (a 404 without its error body)', async () => {
    const alert = await previewFailing(
      await ResponseError.fromResponse(
        new Response(null, { status: 404, statusText: 'Not Found' }),
      ),
    );
    expect(alert).toHaveTextContent(
      'The request failed; this is not a problem with the YAML:The stewardship backend did not answer the request (404 Not Found); it may be down or restarting',
    );
    expect(screen.queryByText(/The YAML cannot be imported/)).toBeNull();
    expect(screen.queryByRole('list', { name: 'Import problems' })).toBeNull();
  });

  it('does not blame the YAML when the network fails or the backend fails', async () => {
    const offline = await previewFailing(new TypeError('Failed to fetch'));
    expect(offline).toHaveTextContent(
      'The request failed; this is not a problem with the YAML:The stewardship backend could not be reached: Failed to fetch',
    );
  });

  it('says a 5xx failed, with the message the backend gave', async () => {
    const alert = await previewFailing(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'Error', message: 'database is locked' },
            response: { statusCode: 500 },
          }),
          {
            status: 500,
            statusText: 'Internal Server Error',
            headers: { 'Content-Type': 'application/json' },
          },
        ),
      ),
    );
    expect(alert).toHaveTextContent(
      'The request failed; this is not a problem with the YAML:The stewardship backend failed (500 Internal Server Error): database is locked',
    );
  });

  it('says the backend refused, in its words, for an answer other than a 400', async () => {
    const alert = await previewFailing(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'NotAllowedError',
              message: 'You may not create SLOs of component:default/checkout',
            },
            response: { statusCode: 403 },
          }),
          {
            status: 403,
            statusText: 'Forbidden',
            headers: { 'Content-Type': 'application/json' },
          },
        ),
      ),
    );
    expect(alert).toHaveTextContent(
      'The preview was refused:You may not create SLOs of component:default/checkout',
    );
  });
});

describe('ExportOpenSloButton', () => {
  const createObjectURL = jest.fn((_blob: Blob) => 'blob:openslo');
  const revokeObjectURL = jest.fn();

  beforeEach(() => {
    Object.assign(URL, { createObjectURL, revokeObjectURL });
  });

  it('downloads <name>.openslo.yaml with the exported YAML', async () => {
    const exported =
      'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: availability\n';
    const exportSloOpenSlo = jest.fn(async () => exported);
    let downloaded: { name: string; href: string } | undefined;
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function recordDownload(this: HTMLAnchorElement) {
        downloaded = { name: this.download, href: this.href };
      });
    const api = mockStewardshipApi({ exportSloOpenSlo });
    await renderWithApi(
      <ExportOpenSloButton slo={{ id: 'slo-1', name: 'availability' }} />,
      api,
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Export OpenSLO' }),
    );

    await waitFor(() =>
      expect(downloaded).toEqual({
        name: 'availability.openslo.yaml',
        href: 'blob:openslo',
      }),
    );
    expect(exportSloOpenSlo).toHaveBeenCalledWith('slo-1');
    const blob = createObjectURL.mock.calls[0][0];
    expect(blob.type).toBe('application/yaml');
    expect(await blob.text()).toBe(exported);
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:openslo');
    click.mockRestore();
  });
});

describe('SloImportDialog: waiting and failures', () => {
  it('disables its buttons while a preview is on its way', async () => {
    const api = mockStewardshipApi({
      importSlos: () => new Promise(() => {}),
    });
    await renderWithApi(
      <SloImportDialog open onClose={() => {}} onImported={() => {}} />,
      api,
    );
    pasteYaml(yaml);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(screen.getByRole('button', { name: 'Preview' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  });

  it('stays open on Escape while a request runs, and closes on it once done', async () => {
    let answer: (specs: SloSpec[]) => void = () => {};
    const onClose = jest.fn();
    const api = mockStewardshipApi({
      importSlos: () => new Promise<SloSpec[]>(resolve => (answer = resolve)),
    });
    await renderWithApi(
      <SloImportDialog open onClose={onClose} onImported={() => {}} />,
      api,
    );
    pasteYaml(yaml);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onClose).not.toHaveBeenCalled();

    answer([spec]);
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Import' })).toBeEnabled(),
    );
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('says what failed when the server fails, and imports nothing', async () => {
    const onImported = jest.fn();
    const api = mockStewardshipApi({
      importSlos: async () => {
        throw new Error('HTTP 502 Bad Gateway');
      },
    });
    await renderWithApi(
      <SloImportDialog open onClose={() => {}} onImported={onImported} />,
      api,
    );
    pasteYaml(yaml);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByText('HTTP 502 Bad Gateway')).toBeInTheDocument();
    // A failed request is not blamed on the YAML.
    expect(
      screen.getByText(
        'The request failed; this is not a problem with the YAML:',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('The YAML cannot be imported:')).toBeNull();
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();
    expect(onImported).not.toHaveBeenCalled();
  });

  it('says when the YAML holds no SLO, and offers no import', async () => {
    const api = mockStewardshipApi({ importSlos: async () => [] });
    await renderWithApi(
      <SloImportDialog open onClose={() => {}} onImported={() => {}} />,
      api,
    );
    pasteYaml('apiVersion: openslo/v1\nkind: DataSource\n');
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(
      await screen.findByText('These 0 SLOs would be created:'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();
  });
});

describe('ExportOpenSloButton: failure', () => {
  it('reports a failed export through the error API and downloads nothing', async () => {
    const createObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const errorApi = { post: jest.fn(), error$: jest.fn() };
    const api = mockStewardshipApi({
      exportSloOpenSlo: async () => {
        throw new Error('HTTP 404: no SLO slo-1');
      },
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [stewardshipApiRef, api],
          [errorApiRef, errorApi],
        ]}
      >
        <ExportOpenSloButton slo={{ id: 'slo-1', name: 'availability' }} />
      </TestApiProvider>,
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Export OpenSLO' }),
    );
    await waitFor(() =>
      expect(errorApi.post).toHaveBeenCalledWith(
        new Error(
          'Could not download the OpenSLO YAML: HTTP 404: no SLO slo-1',
        ),
      ),
    );
    expect(createObjectURL).not.toHaveBeenCalled();
    expect(
      screen.getByRole('button', { name: 'Export OpenSLO' }),
    ).toBeEnabled();
  });
});
