import { errorApiRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  SloDefinition,
  SloEvaluation,
  SloSpec,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { backendError } from '../../__testUtils__/backendError';
import {
  MetricSourceSummary,
  SloImportOptions,
  StewardshipApi,
  stewardshipApiRef,
} from '../../api';
import {
  EVALUATION_AFTER_SAVE_WAIT_MS,
  EVALUATIONS_IN_FLIGHT,
} from './evaluateSoon';
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

/** What the backend stores for a spec: the spec with an id and the rest of a stored SLO. */
function storedAs(id: string, from: SloSpec = spec): SloDefinition {
  return {
    ...from,
    id,
    version: 1,
    createdAt: '2026-12-04T10:00:00.000Z',
    updatedAt: '2026-12-04T10:00:00.000Z',
  };
}

/**
 * An `importSlos` answering a dry run with `preview` and an import with `stored`, as the backend
 * does. A jest.fn() without types: one function cannot be typed as both overloads.
 */
function answeringImports(preview: SloSpec[], stored: SloDefinition[]) {
  return jest
    .fn()
    .mockImplementation(async (_yaml: string, options: SloImportOptions) =>
      options.dryRun ? preview : stored,
    );
}

function pasteYaml(text: string) {
  fireEvent.change(screen.getByLabelText('OpenSLO or Sloth YAML'), {
    target: { value: text },
  });
}

describe('SloImportDialog', () => {
  it('previews with a dry run, then imports', async () => {
    const importSlos = answeringImports([spec], [storedAs('slo-1')]);
    const onImported = jest.fn();
    const evaluateSlo = jest.fn(async () => ({} as SloEvaluation));
    const api = mockStewardshipApi({ importSlos, evaluateSlo });
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
    // A dry run stores nothing, so there is nothing to evaluate.
    expect(evaluateSlo).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() =>
      expect(onImported).toHaveBeenCalledWith([storedAs('slo-1')]),
    );
    expect(evaluateSlo).toHaveBeenCalledTimes(1);
    expect(evaluateSlo).toHaveBeenCalledWith('slo-1', expect.anything());
    expect(importSlos).toHaveBeenLastCalledWith(yaml, {
      dryRun: false,
      entityRef: 'component:default/checkout',
    });
  });

  describe('the metric source of SLOs that name none', () => {
    const sources: MetricSourceSummary[] = [
      {
        name: 'datadog-eu',
        type: 'datadog',
        health: { status: 'ok', checkedAt: '2026-12-07T10:00:00.000Z' },
      },
      {
        name: 'prom',
        type: 'prometheus',
        health: {
          status: 'down',
          reason: 'could not be reached',
          checkedAt: '2026-12-07T10:00:00.000Z',
        },
      },
    ];

    it('is offered when more than one source is configured, and sent with the preview and the import', async () => {
      const importSlos = answeringImports([spec], [storedAs('slo-1')]);
      const onImported = jest.fn();
      await renderWithApi(
        <SloImportDialog
          open
          entityRef="component:default/checkout"
          onClose={() => {}}
          onImported={onImported}
        />,
        mockStewardshipApi({
          importSlos,
          listMetricSources: async () => sources,
          evaluateSlo: async () => ({} as SloEvaluation),
        }),
      );
      const field = await screen.findByRole('button', {
        name: /^Metric source for SLOs that name none/,
      });
      // The default is said, not left blank, and what the choice is for is read with the field.
      expect(field).toHaveTextContent(
        'The first configured source (the default)',
      );
      expect(field).toHaveAccessibleDescription(
        /Sloth SLOs, and OpenSLO SLOs whose metrics have no metricSourceRef, read this source/,
      );

      pasteYaml(yaml);
      const previewButton = screen.getByRole('button', { name: 'Preview' });
      await userEvent.click(previewButton);
      await screen.findByRole('list', { name: 'SLOs to import' });
      // Nothing chosen: the backend's default, so no parameter.
      expect(importSlos).toHaveBeenLastCalledWith(yaml, {
        dryRun: true,
        entityRef: 'component:default/checkout',
      });
      expect(importSlos.mock.calls[0][1]).not.toHaveProperty('metricSource');

      // Each source by name, type and health, as the SLO editor offers them.
      await userEvent.click(field);
      const options = await screen.findAllByRole('option');
      expect(options.map(option => option.textContent)).toEqual([
        'The first configured source (the default)',
        'datadog-eu (datadog) — up',
        'prom (prometheus) — down',
      ]);
      await userEvent.click(
        screen.getByRole('option', { name: 'prom (prometheus) — down' }),
      );
      // The preview was of the other source: it is gone, and Import waits for a new one.
      await waitFor(() =>
        expect(
          screen.queryByRole('list', { name: 'SLOs to import' }),
        ).toBeNull(),
      );
      expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();

      await userEvent.click(previewButton);
      await screen.findByRole('list', { name: 'SLOs to import' });
      expect(importSlos).toHaveBeenLastCalledWith(yaml, {
        dryRun: true,
        entityRef: 'component:default/checkout',
        metricSource: 'prom',
      });
      await userEvent.click(screen.getByRole('button', { name: 'Import' }));
      await waitFor(() => expect(onImported).toHaveBeenCalled());
      expect(importSlos).toHaveBeenLastCalledWith(yaml, {
        dryRun: false,
        entityRef: 'component:default/checkout',
        metricSource: 'prom',
      });
    });

    it('is not offered with one source, or when the sources cannot be read (the default applies)', async () => {
      for (const listMetricSources of [
        jest.fn(async () => [sources[1]]),
        jest.fn(() => Promise.reject(new Error('backend down'))),
      ]) {
        const importSlos = answeringImports([spec], []);
        const { unmount } = await renderWithApi(
          <SloImportDialog open onClose={() => {}} onImported={() => {}} />,
          mockStewardshipApi({ importSlos, listMetricSources }),
        );
        await waitFor(() => expect(listMetricSources).toHaveBeenCalled());
        pasteYaml(yaml);
        await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
        await screen.findByRole('list', { name: 'SLOs to import' });
        expect(
          screen.queryByRole('button', { name: /^Metric source/ }),
        ).toBeNull();
        expect(importSlos).toHaveBeenCalledWith(yaml, { dryRun: true });
        expect(importSlos.mock.calls[0][1]).not.toHaveProperty('metricSource');
        unmount();
      }
    });

    it('says a source the backend no longer has was refused, without blaming the YAML', async () => {
      const refused = await backendError(
        400,
        'Invalid query parameter "metricSource": no metric source "prom" is configured under stewardship.metricSources (configured: datadog-eu)',
      );
      const importSlos = jest.fn().mockRejectedValue(refused);
      await renderWithApi(
        <SloImportDialog open onClose={() => {}} onImported={() => {}} />,
        mockStewardshipApi({
          importSlos,
          listMetricSources: async () => sources,
        }),
      );
      await userEvent.click(
        await screen.findByRole('button', {
          name: /^Metric source for SLOs that name none/,
        }),
      );
      await userEvent.click(
        await screen.findByRole('option', { name: /^prom / }),
      );
      pasteYaml(yaml);
      await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent(
        'The metric source chosen was refused; this is not a problem with the YAML:',
      );
      expect(alert).toHaveTextContent(
        'no metric source "prom" is configured under stewardship.metricSources',
      );
      expect(
        screen.getByLabelText('OpenSLO or Sloth YAML'),
      ).not.toHaveAttribute('aria-invalid', 'true');
      expect(
        screen.queryByRole('list', { name: 'Import problems' }),
      ).toBeNull();
    });

    it('reads the sources only once the dialog opens', async () => {
      const listMetricSources = jest.fn(async () => sources);
      await renderWithApi(
        <SloImportDialog
          open={false}
          onClose={() => {}}
          onImported={() => {}}
        />,
        mockStewardshipApi({ listMetricSources }),
      );
      expect(listMetricSources).not.toHaveBeenCalled();
    });
  });

  it('says what a preview found on its status line, which the dialog holds before it is said', async () => {
    const latency = { ...spec, name: 'latency' };
    const importSlos = answeringImports([spec, latency], []);
    await renderWithApi(
      <SloImportDialog open onClose={() => {}} onImported={() => {}} />,
      mockStewardshipApi({ importSlos }),
    );
    const dialog = screen.getByRole('dialog');
    const status = within(dialog).getByRole('status');
    expect(status).toHaveTextContent('');

    pasteYaml(yaml);
    const preview = screen.getByRole('button', { name: 'Preview' });
    await userEvent.click(preview);
    await screen.findByRole('list', { name: 'SLOs to import' });
    expect(status).toHaveTextContent(
      'Preview ready: 2 SLOs would be created, listed under the YAML. Import stores them.',
    );
    expect(within(dialog).getByRole('status')).toBe(status);
    // Focus stays where the user pressed: the status line tells them.
    expect(preview).toHaveFocus();

    // The same preview again is said again (a new sentence), not left as the last one.
    const first = status.firstElementChild;
    await userEvent.click(preview);
    await waitFor(() => {
      expect(status.firstElementChild).not.toBe(first);
      expect(status).toHaveTextContent(
        'Preview ready: 2 SLOs would be created',
      );
    });

    // Edited YAML drops the preview, and what was said of it.
    pasteYaml(`${yaml}# edited\n`);
    expect(status).toHaveTextContent('');
  });

  it('lists the problems by document and path, and editing asks for a new preview', async () => {
    // The backend counts documents from 1: these are the first and second documents.
    const error = await backendError(
      400,
      'Invalid SLO documents:\ndocument 1: spec.timeWindow: Invalid input: expected array, received undefined\ndocument 2: spec.objectives[0].target: must be below 1',
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
    // The YAML box is marked invalid and read with its problems (and its hint).
    const box = screen.getByLabelText('OpenSLO or Sloth YAML');
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(box).toHaveAccessibleDescription(
      /^One or more documents separated by ---\..*document 1: spec\.timeWindow: .*document 2: spec\.objectives\[0\]\.target: must be below 1$/,
    );
  });
});

describe('SloImportDialog: a name already stored', () => {
  const id = '0b7c5d36-5a8e-4f1e-9a7e-3c2d1e0f9a88';

  const conflict = (message: string) => backendError(409, message);

  it('lists each name the preview finds taken as a problem of the YAML, without the stored SLO’s id', async () => {
    // As the backend answers a preview or an import (importNamesFree.ts).
    const importSlos = jest
      .fn()
      .mockRejectedValue(
        await conflict(
          `SLO names already taken:\ndocument 1: slos[0].name: component:default/checkout already has an SLO named "availability" (id ${id}). Choose another name.`,
        ),
      );
    await renderWithApi(
      <SloImportDialog open onClose={() => {}} onImported={() => {}} />,
      mockStewardshipApi({ importSlos }),
    );
    pasteYaml(yaml);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const problems = await screen.findByRole('list', {
      name: 'Import problems',
    });
    expect(
      within(problems)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'document 1: slos[0].name: component:default/checkout already has an SLO named "availability". Choose another name.',
    ]);
    expect(screen.queryByText(new RegExp(id))).toBeNull();
    expect(screen.queryByText(/was refused/)).toBeNull();
    expect(screen.getByLabelText('OpenSLO or Sloth YAML')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();
  });

  it('lists a name another request took between the preview and the import the same way', async () => {
    const importSlos = jest
      .fn()
      .mockResolvedValueOnce([spec])
      .mockRejectedValueOnce(
        await conflict(
          'name: component:default/checkout already has an SLO named "availability" (written by another request at the same time)',
        ),
      );
    await renderWithApi(
      <SloImportDialog open onClose={() => {}} onImported={() => {}} />,
      mockStewardshipApi({ importSlos }),
    );
    pasteYaml(yaml);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Import' }),
    );
    const problems = await screen.findByRole('list', {
      name: 'Import problems',
    });
    expect(
      within(problems)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'component:default/checkout already has an SLO named "availability". Choose another name.',
    ]);
    expect(screen.queryByText(/was refused/)).toBeNull();
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
      await backendError(500, 'database is locked'),
    );
    expect(alert).toHaveTextContent(
      'The request failed; this is not a problem with the YAML:The stewardship backend failed (500 Internal Server Error): database is locked',
    );
  });

  it('says the backend refused, in its words, for an answer other than a 400', async () => {
    const alert = await previewFailing(
      await backendError(
        403,
        'You may not create SLOs of component:default/checkout',
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
    expect(screen.getByRole('status')).toHaveTextContent(
      'Downloading availability.openslo.yaml.',
    );
    click.mockRestore();
  });
});

describe('SloImportDialog: waiting and failures', () => {
  it('disables its buttons while a preview is on its way', async () => {
    const api = mockStewardshipApi({
      importSlos: () => new Promise<never>(() => {}),
    });
    await renderWithApi(
      <SloImportDialog open onClose={() => {}} onImported={() => {}} />,
      api,
    );
    pasteYaml(yaml);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    // Busy rather than disabled: the button pressed keeps the keyboard's focus.
    const previewButton = screen.getByRole('button', { name: 'Preview' });
    expect(previewButton).toHaveAttribute('aria-disabled', 'true');
    expect(previewButton).toBeEnabled();
    expect(previewButton).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Import' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  });

  it('stays open on Escape while a request runs, and closes on it once done', async () => {
    let answer: (specs: SloSpec[]) => void = () => {};
    const onClose = jest.fn();
    const api = mockStewardshipApi({
      // A preview only: untyped, as the answer of a real import (SloDefinitions) is never given.
      importSlos: jest
        .fn()
        .mockImplementation(
          () => new Promise<SloSpec[]>(resolve => (answer = resolve)),
        ),
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
      expect(
        screen.getByRole('button', { name: 'Import' }),
      ).not.toHaveAttribute('aria-disabled'),
    );
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('drops the answer to a preview of YAML changed since, and says to preview again', async () => {
    const answers: Array<{
      resolve(specs: SloSpec[]): void;
      reject(e: Error): void;
    }> = [];
    const api = mockStewardshipApi({
      importSlos: jest
        .fn()
        .mockImplementation(
          () =>
            new Promise<SloSpec[]>((resolve, reject) =>
              answers.push({ resolve, reject }),
            ),
        ),
    });
    await renderWithApi(
      <SloImportDialog open onClose={() => {}} onImported={() => {}} />,
      api,
    );
    const status = screen.getByRole('status');
    pasteYaml(yaml);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    // Typed on while the preview runs: its list would be of the text before.
    pasteYaml(`${yaml}  description: changed\n`);
    await act(async () => answers[0].resolve([spec]));
    await waitFor(() =>
      expect(status).toHaveTextContent(
        'The input changed while the preview ran: preview again to see what Import would store.',
      ),
    );
    expect(screen.queryByRole('list', { name: 'SLOs to import' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();

    // Its problems would not be the new text's either.
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    pasteYaml(yaml);
    await act(async () =>
      answers[1].reject(
        await backendError(400, 'Invalid SLO\ndocument 1: objective: Required'),
      ),
    );
    await waitFor(() => expect(status).toHaveTextContent(/preview again/));
    expect(screen.queryByText('The YAML cannot be imported:')).toBeNull();
    expect(screen.getByLabelText('OpenSLO or Sloth YAML')).not.toHaveAttribute(
      'aria-invalid',
      'true',
    );

    // Unchanged while it runs: shown as before.
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await act(async () => answers[2].resolve([spec]));
    expect(
      await screen.findByRole('list', { name: 'SLOs to import' }),
    ).toBeInTheDocument();
    expect(status).toHaveTextContent('Preview ready: 1 SLO would be created');
  });

  it('keeps the YAML and the source as previewed while the import runs', async () => {
    let stored: (slos: SloDefinition[]) => void = () => {};
    const api = mockStewardshipApi({
      importSlos: jest
        .fn()
        .mockImplementation(async (_yaml: string, options: SloImportOptions) =>
          options.dryRun
            ? [spec]
            : new Promise<SloDefinition[]>(resolve => (stored = resolve)),
        ),
      listMetricSources: async () =>
        ['a', 'b'].map(name => ({
          name,
          type: 'prometheus',
          health: { status: 'ok', checkedAt: '2026-12-07T10:00:00.000Z' },
        })),
      evaluateSlo: async () => ({} as SloEvaluation),
    });
    await renderWithApi(
      <SloImportDialog open onClose={() => {}} onImported={() => {}} />,
      api,
    );
    const source = await screen.findByRole('button', {
      name: /^Metric source for SLOs that name none/,
    });
    const field = screen.getByLabelText('OpenSLO or Sloth YAML');
    pasteYaml(yaml);
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByRole('list', { name: 'SLOs to import' });
    expect(field).not.toHaveAttribute('readonly');

    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(field).toHaveAttribute('readonly');
    expect(source).toHaveAttribute('aria-disabled', 'true');
    // The list stays: it is what is being stored.
    expect(
      screen.getByRole('list', { name: 'SLOs to import' }),
    ).toBeInTheDocument();

    await act(async () => stored([storedAs('slo-1')]));
    await waitFor(() => expect(field).not.toHaveAttribute('readonly'));
    expect(source).not.toHaveAttribute('aria-disabled');
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
    expect(screen.getByRole('status')).toHaveTextContent(
      'Preview ready: no SLO would be created.',
    );
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

describe('SloImportDialog: evaluating what it imported', () => {
  /** Lets the import's answer and the requests it starts run; moves no (fake) clock. */
  async function settle() {
    await act(async () => {
      for (let i = 0; i < 10; i++) await Promise.resolve();
    });
  }

  /** Previews and imports the YAML; the preview lists what the import stores. */
  async function importStored(
    stored: SloDefinition[],
    evaluateSlo: StewardshipApi['evaluateSlo'],
    handlers: { onImported?(slos: SloDefinition[]): void; onClose?(): void },
  ) {
    const api = mockStewardshipApi({
      importSlos: answeringImports([spec], stored),
      evaluateSlo,
    });
    await renderWithApi(
      <SloImportDialog
        open
        onClose={handlers.onClose ?? (() => {})}
        onImported={handlers.onImported ?? (() => {})}
      />,
      api,
    );
    pasteYaml(yaml);
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    // Busy (aria-disabled) while the preview runs, disabled before it: ready after it.
    await waitFor(() => {
      const button = screen.getByRole('button', { name: 'Import' });
      expect(button).toBeEnabled();
      expect(button).not.toHaveAttribute('aria-disabled');
    });
    // Focused first, as a keyboard user's press would leave it.
    const importButton = screen.getByRole('button', { name: 'Import' });
    importButton.focus();
    fireEvent.click(importButton);
    await settle();
  }

  it('evaluates only stored SLOs, when a custom API answers an import with specs too', async () => {
    const evaluateSlo = jest.fn(async (_id: string) => ({} as SloEvaluation));
    const onImported = jest.fn();
    // A spec has no id: evaluating it would ask for /slos/undefined/evaluate.
    const answered = [storedAs('slo-1'), spec as unknown as SloDefinition];
    await importStored(answered, evaluateSlo, { onImported });
    await waitFor(() => expect(onImported).toHaveBeenCalledWith(answered));
    expect(evaluateSlo).toHaveBeenCalledTimes(1);
    expect(evaluateSlo.mock.calls.map(([id]) => id)).toStrictEqual(['slo-1']);
  });

  it('evaluates the imported SLOs before it reports them, and stays open meanwhile', async () => {
    const stored = [
      storedAs('slo-1'),
      storedAs('slo-2', { ...spec, name: 'latency' }),
    ];
    const answers = new Map<string, () => void>();
    const evaluateSlo = jest.fn(
      (id: string) =>
        new Promise<SloEvaluation>(resolve =>
          answers.set(id, () => resolve({} as SloEvaluation)),
        ),
    );
    const onImported = jest.fn();
    const onClose = jest.fn();
    await importStored(stored, evaluateSlo, { onImported, onClose });

    await waitFor(() => expect(answers.size).toBe(2));
    expect(evaluateSlo.mock.calls.map(([id]) => id)).toEqual([
      'slo-1',
      'slo-2',
    ]);
    expect(screen.getByRole('status')).toHaveTextContent(
      'Evaluating 2 imported SLOs…',
    );
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    // Busy rather than disabled: the button pressed keeps the keyboard's focus meanwhile.
    const importButton = screen.getByRole('button', { name: 'Import' });
    expect(importButton).toHaveAttribute('aria-disabled', 'true');
    expect(importButton).toBeEnabled();
    expect(importButton).toHaveFocus();
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onClose).not.toHaveBeenCalled();

    answers.get('slo-1')!();
    await act(async () => {});
    // One answer of two: still evaluating.
    expect(onImported).not.toHaveBeenCalled();
    answers.get('slo-2')!();
    await waitFor(() => expect(onImported).toHaveBeenCalledWith(stored));
    expect(screen.getByRole('status')).toHaveTextContent('');
    expect(screen.getByLabelText('OpenSLO or Sloth YAML')).toHaveValue('');
  });

  it(`evaluates ${EVALUATIONS_IN_FLIGHT} at a time`, async () => {
    const stored = ['a', 'b', 'c', 'd', 'e', 'f'].map(id => storedAs(id));
    const answers: Array<() => void> = [];
    const evaluateSlo = jest.fn(
      (_id: string) =>
        new Promise<SloEvaluation>(resolve =>
          answers.push(() => resolve({} as SloEvaluation)),
        ),
    );
    const onImported = jest.fn();
    await importStored(stored, evaluateSlo, { onImported });

    await waitFor(() => expect(evaluateSlo).toHaveBeenCalledTimes(4));
    await act(async () => {});
    expect(evaluateSlo).toHaveBeenCalledTimes(4);
    answers[0]();
    await waitFor(() => expect(evaluateSlo).toHaveBeenCalledTimes(5));
    answers.slice(1).forEach(answer => answer());
    await waitFor(() => expect(evaluateSlo).toHaveBeenCalledTimes(6));
    answers[5]();
    await waitFor(() => expect(onImported).toHaveBeenCalledWith(stored));
    expect(evaluateSlo.mock.calls.map(([id]) => id)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
    ]);
  });

  it('reports the import when the evaluations fail, and still tries every SLO', async () => {
    // More failures than requests in flight: each failure moves on to the next SLO.
    const stored = ['a', 'b', 'c', 'd', 'e'].map(id => storedAs(id));
    const evaluateSlo = jest.fn(async (_id: string): Promise<SloEvaluation> => {
      throw new Error('HTTP 429 Too Many Requests');
    });
    const onImported = jest.fn();
    await importStored(stored, evaluateSlo, { onImported });

    await waitFor(() => expect(onImported).toHaveBeenCalledWith(stored));
    expect(evaluateSlo.mock.calls.map(([id]) => id)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it(`reports the import after ${EVALUATION_AFTER_SAVE_WAIT_MS} ms when the evaluations do not answer`, async () => {
    jest.useFakeTimers();
    try {
      const stored = ['a', 'b', 'c', 'd', 'e', 'f'].map(id => storedAs(id));
      const signals: AbortSignal[] = [];
      // None answers. The first does not listen to its signal either, as a custom
      // StewardshipApi may; the others reject when it aborts, as fetch does.
      const evaluateSlo = jest.fn(
        (id: string, options?: { signal?: AbortSignal }) => {
          const signal = options!.signal!;
          signals.push(signal);
          return new Promise<SloEvaluation>((_resolve, reject) => {
            if (id !== 'a') {
              signal.addEventListener('abort', () => reject(signal.reason));
            }
          });
        },
      );
      const onImported = jest.fn();
      await importStored(stored, evaluateSlo, { onImported });
      expect(screen.getByRole('status')).toHaveTextContent(
        'Evaluating 6 imported SLOs…',
      );
      expect(evaluateSlo).toHaveBeenCalledTimes(4);

      await act(async () => {
        jest.advanceTimersByTime(EVALUATION_AFTER_SAVE_WAIT_MS - 1);
      });
      expect(onImported).not.toHaveBeenCalled();
      expect(signals.some(signal => signal.aborted)).toBe(false);

      await act(async () => {
        jest.advanceTimersByTime(1);
      });
      await settle();
      expect(onImported).toHaveBeenCalledWith(stored);
      expect(signals).toHaveLength(4);
      expect(signals.every(signal => signal.aborted)).toBe(true);
      // One deadline for all: the two not yet started are left to the schedule.
      expect(evaluateSlo).toHaveBeenCalledTimes(4);
      expect(screen.getByRole('button', { name: 'Cancel' })).toBeEnabled();
      expect(screen.queryByRole('alert')).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });
});
