import {
  SloDefinition,
  SloEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ComponentProps, useState } from 'react';
import { MetricSourceSummary, StewardshipApi } from '../../api';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { backendError } from '../../__testUtils__/backendError';
import { EVALUATION_AFTER_SAVE_WAIT_MS, SloEditor } from './SloEditor';

// Dialogs with MUI selects render slowly on a shared machine.
jest.setTimeout(60_000);

/** Types into the input labelled `label` in one change event. */
function setText(label: RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

const sources: MetricSourceSummary[] = [
  {
    name: 'backup',
    type: 'prometheus',
    health: {
      status: 'down',
      reason:
        'Prometheus source "backup" at http://p:9090: could not be reached: ECONNREFUSED',
      checkedAt: '2026-01-01T00:00:00.000Z',
    },
  },
  {
    name: 'prom',
    type: 'prometheus',
    health: { status: 'ok', checkedAt: '2026-01-01T00:00:00.000Z' },
  },
];

const stored: SloDefinition = {
  id: '6f1c2b9e-1d2a-4c55-9f0e-0a6a4d1e2f11',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  entityRef: 'component:default/payments-api',
  name: 'availability',
  description: 'Checkout answers',
  sli: { type: 'ratio', good: 'ok_total', total: 'all_total' },
  objective: 0.999,
  timeWindow: { type: 'rolling', duration: '30d' },
  budgetingMethod: 'occurrences',
  metricSource: 'prom',
  alertPolicies: [],
  labels: { tier: 'critical' },
};

/** The helper text under the input labelled `label`. */
function helperOf(label: RegExp) {
  const input = screen.getByLabelText(label);
  const id = input.getAttribute('aria-describedby');
  return id ? document.getElementById(id)?.textContent : undefined;
}

/** The editor, open for payments-api, creating an SLO unless `props` give one to edit. */
function renderEditor(
  api: StewardshipApi,
  props: Partial<ComponentProps<typeof SloEditor>> = {},
) {
  return renderWithApi(
    <SloEditor
      open
      entityRef="component:default/payments-api"
      onClose={() => {}}
      onSaved={() => {}}
      {...props}
    />,
    api,
  );
}

async function chooseSource(name: RegExp) {
  await userEvent.click(screen.getByRole('button', { name: /Metric source/ }));
  await userEvent.click(await screen.findByRole('option', { name }));
}

/** Fills in the text fields every SLO needs, validly. */
function fillRequiredText() {
  setText(/^Name/, 'latency-p99');
  setText(/^Good events query/, 'ok_total');
  setText(/^Total events query/, 'all_total');
  setText(/^Objective/, '99.9');
}

/** Fills in the form validly, choosing the metric source `prom` from its menu. */
async function fillValidForm() {
  fillRequiredText();
  await chooseSource(/^prom \(prometheus\) — up$/);
}

/**
 * The editor (see {@link renderEditor}) over an API that lists one metric source, `prom`, and
 * answers as `overrides` say, its form filled in validly: the required text fields, and `prom`
 * as the form fills in the only source itself (see 'starts a new SLO with the metric source when
 * only one is configured'). Choosing it from the menu instead costs about a second per test in
 * jsdom; 'creates an SLO, the objective sent as a fraction' chooses it ({@link fillValidForm}).
 */
async function renderFilledEditor(
  overrides: Partial<StewardshipApi>,
  props: Partial<ComponentProps<typeof SloEditor>> = {},
) {
  await renderEditor(
    mockStewardshipApi({
      listMetricSources: async () => [sources[1]],
      ...overrides,
    }),
    props,
  );
  fillRequiredText();
  await screen.findByText('Type prometheus, up', {
    selector: 'p#slo-metric-source-helper-text',
  });
}

describe('SloEditor', () => {
  it('names every missing field and checks the objective range before sending anything', async () => {
    const createSlo = jest.fn();
    const api = mockStewardshipApi({
      listMetricSources: async () => sources,
      createSlo,
    });
    await renderEditor(api);
    const create = screen.getByRole('button', { name: 'Create' });

    await userEvent.click(create);
    expect(helperOf(/^Name/)).toBe('Required');
    expect(helperOf(/^Good events query/)).toBe('Required');
    expect(helperOf(/^Total events query/)).toBe('Required');
    expect(helperOf(/^Objective/)).toBe('Required');
    expect(
      screen.getByText('Required', {
        selector: 'p#slo-metric-source-helper-text',
      }),
    ).toBeInTheDocument();

    for (const outOfRange of ['100', '0', '-1', 'abc']) {
      setText(/^Objective/, outOfRange);
      await userEvent.click(create);
      expect([outOfRange, helperOf(/^Objective/)]).toEqual([
        outOfRange,
        'A percentage greater than 0 and less than 100',
      ]);
    }
    setText(/^Objective/, '99,9');
    await userEvent.click(create);
    expect(helperOf(/^Objective/)).toBe('Write the decimal with a point: 99.9');
    expect(createSlo).not.toHaveBeenCalled();
  });

  it('refuses a name or description longer than the backend takes, in plain words, before sending', async () => {
    // What the backend's spec validator answers.
    const createSlo = jest
      .fn()
      .mockRejectedValue(
        await backendError(
          400,
          'request/body/name must NOT have more than 100 characters',
        ),
      );
    await renderFilledEditor({
      createSlo,
    });
    // Pasted: one change event, as a paste is.
    setText(/^Name/, 'a'.repeat(101));
    setText(/^Description/, `  ${'x'.repeat(2001)}  `);
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));

    expect(helperOf(/^Name/)).toBe('At most 100 characters; this name has 101');
    expect(helperOf(/^Description/)).toBe(
      'At most 2000 characters; this description has 2001',
    );
    expect(screen.queryByText(/must NOT have/)).toBeNull();
    expect(createSlo).not.toHaveBeenCalled();

    // The limits themselves are fine (the description's spaces around it are not sent).
    createSlo.mockResolvedValue(stored);
    setText(/^Name/, 'a'.repeat(100));
    setText(/^Description/, ` ${'x'.repeat(2000)} `);
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(createSlo).toHaveBeenCalledTimes(1));
  });

  it('keeps every digit of an objective just below 100 %, typed or stored', async () => {
    const createSlo = jest.fn(async () => stored);
    await renderFilledEditor({ createSlo });
    // 13 nines: 0.9999999999999 as a fraction, which twelve significant digits would make 1.
    setText(/^Objective/, '99.99999999999');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() =>
      expect(createSlo).toHaveBeenCalledWith(
        expect.objectContaining({ objective: 0.9999999999999 }),
      ),
    );
  });

  it('shows a stored objective with the digits it has, and saves it unchanged', async () => {
    const updateSlo = jest.fn(async () => ({ ...stored, version: 2 }));
    const onSaved = jest.fn();
    await renderEditor(
      mockStewardshipApi({ listMetricSources: async () => sources, updateSlo }),
      { slo: { ...stored, objective: 0.9999999999999 }, onSaved },
    );
    expect(screen.getByLabelText(/^Objective/)).toHaveValue('99.99999999999');
    setText(/^Description/, 'Only the description changed');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(updateSlo).toHaveBeenCalledWith(
      stored.id,
      expect.objectContaining({ objective: 0.9999999999999 }),
    );
  });

  it('starts a new SLO with the metric source when only one is configured', async () => {
    const api = mockStewardshipApi({
      listMetricSources: async () => [sources[1]],
    });
    await renderEditor(api);
    expect(
      await screen.findByText('Type prometheus, up', {
        selector: 'p#slo-metric-source-helper-text',
      }),
    ).toBeInTheDocument();
  });

  it('shows each source with its type and health in words', async () => {
    const api = mockStewardshipApi({ listMetricSources: async () => sources });
    await renderEditor(api);
    await userEvent.click(
      screen.getByRole('button', { name: /Metric source/ }),
    );
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'backup (prometheus) — down',
      'prom (prometheus) — up',
    ]);
    await userEvent.click(options[0]);
    expect(
      screen.getByText(
        'Type prometheus, down: Prometheus source "backup" at http://p:9090: could not be reached: ECONNREFUSED',
      ),
    ).toBeInTheDocument();
  });

  it("hints at queries in the language of the chosen source's type", async () => {
    const api = mockStewardshipApi({
      listMetricSources: async () => [
        ...sources,
        {
          name: 'dd',
          type: 'datadog',
          health: { status: 'ok', checkedAt: '2026-01-01T00:00:00.000Z' },
        },
      ],
    });
    await renderEditor(api);
    await chooseSource(/^prom \(prometheus\) — up$/);
    expect(helperOf(/^Total events query/)).toBe(
      'A counter selector, e.g. http_requests_total{job="api"}, or PromQL with {{.window}}',
    );
    await chooseSource(/^dd \(datadog\) — up$/);
    expect(helperOf(/^Total events query/)).toBe(
      'A Datadog metric query, e.g. sum:trace.http.request.hits{service:checkout}.as_count()',
    );
    expect(helperOf(/^Good events query/)).toBe(
      'A Datadog metric query, e.g. sum:trace.http.request.hits{service:checkout}.as_count()',
    );
  });

  it('says so when the metric sources cannot be listed', async () => {
    const api = mockStewardshipApi({
      listMetricSources: async () => {
        throw new Error('HTTP 503');
      },
    });
    await renderEditor(api);
    expect(
      await screen.findByText('Could not list the metric sources: HTTP 503'),
    ).toBeInTheDocument();
  });

  it('creates an SLO, the objective sent as a fraction', async () => {
    const createSlo = jest.fn(async () => stored);
    const onSaved = jest.fn();
    // Two sources: the one sent is the one chosen.
    await renderEditor(
      mockStewardshipApi({ listMetricSources: async () => sources, createSlo }),
      { onSaved },
    );
    await fillValidForm();
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(stored));
    expect(createSlo).toHaveBeenCalledWith({
      entityRef: 'component:default/payments-api',
      name: 'latency-p99',
      sli: { type: 'ratio', good: 'ok_total', total: 'all_total' },
      objective: 0.999,
      timeWindow: { type: 'rolling', duration: '30d' },
      budgetingMethod: 'occurrences',
      metricSource: 'prom',
      alertPolicies: [{ preset: 'sre-workbook' }],
      labels: {},
    });
  });

  it('evaluates the saved SLO before closing, so the tab opens with its figures', async () => {
    let answer: (evaluation: SloEvaluation) => void = () => {};
    const evaluateSlo = jest.fn(
      () => new Promise<SloEvaluation>(resolve => (answer = resolve)),
    );
    const onSaved = jest.fn();
    await renderFilledEditor(
      {
        createSlo: async () => stored,
        evaluateSlo,
      },
      { onSaved },
    );
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));

    await waitFor(() =>
      expect(evaluateSlo).toHaveBeenCalledWith(stored.id, {
        signal: expect.any(AbortSignal),
      }),
    );
    // Saved, not yet closed: the button says what it waits for, and keeps the keyboard's focus
    // (a disabled one would drop it to the dialog).
    const evaluatingButton = screen.getByRole('button', {
      name: 'Evaluating…',
    });
    expect(evaluatingButton).toHaveAttribute('aria-disabled', 'true');
    expect(evaluatingButton).toBeEnabled();
    expect(evaluatingButton).toHaveFocus();
    expect(onSaved).not.toHaveBeenCalled();
    answer({ sloId: stored.id } as SloEvaluation);
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(stored));
  });

  it('closes as saved when the evaluation fails (here: the on-demand allowance is used)', async () => {
    const onSaved = jest.fn();
    const updateSlo = jest.fn(async () => ({ ...stored, version: 2 }));
    const api = mockStewardshipApi({
      listMetricSources: async () => sources,
      updateSlo,
      evaluateSlo: async () => {
        throw await backendError(429, 'retry in 20 s');
      },
    });
    await renderEditor(api, { slo: stored, onSaved });
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(onSaved).toHaveBeenCalledWith({ ...stored, version: 2 }),
    );
    expect(screen.queryByText(/retry in 20 s/)).toBeNull();
  });

  it(`stops waiting for a source that does not answer after ${EVALUATION_AFTER_SAVE_WAIT_MS} ms`, async () => {
    jest.useFakeTimers();
    try {
      let signal: AbortSignal | undefined;
      const onSaved = jest.fn();
      const api = mockStewardshipApi({
        listMetricSources: async () => sources,
        updateSlo: async () => stored,
        // As fetch does: no answer until its signal aborts, then a rejection.
        evaluateSlo: (_id, options) => {
          signal = options?.signal;
          return new Promise<SloEvaluation>((_resolve, reject) =>
            signal?.addEventListener('abort', () => reject(signal?.reason)),
          );
        },
      });
      await renderEditor(api, { slo: stored, onSaved });
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      await act(async () => {});
      expect(signal?.aborted).toBe(false);
      await act(async () => {
        jest.advanceTimersByTime(EVALUATION_AFTER_SAVE_WAIT_MS - 1);
      });
      expect(onSaved).not.toHaveBeenCalled();
      await act(async () => {
        jest.advanceTimersByTime(1);
      });
      expect(signal?.aborted).toBe(true);
      expect(onSaved).toHaveBeenCalledWith(stored);
    } finally {
      jest.useRealTimers();
    }
  });

  it(`closes after ${EVALUATION_AFTER_SAVE_WAIT_MS} ms even when the API ignores the abort signal`, async () => {
    jest.useFakeTimers();
    try {
      let signal: AbortSignal | undefined;
      const onSaved = jest.fn();
      const api = mockStewardshipApi({
        listMetricSources: async () => sources,
        updateSlo: async () => stored,
        // A custom StewardshipApi that neither answers nor listens to its signal.
        evaluateSlo: (_id, options) => {
          signal = options?.signal;
          return new Promise<SloEvaluation>(() => {});
        },
      });
      await renderEditor(api, { slo: stored, onSaved });
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      await act(async () => {});
      await act(async () => {
        jest.advanceTimersByTime(EVALUATION_AFTER_SAVE_WAIT_MS - 1);
      });
      expect(onSaved).not.toHaveBeenCalled();
      await act(async () => {
        jest.advanceTimersByTime(1);
      });
      expect(signal?.aborted).toBe(true);
      expect(onSaved).toHaveBeenCalledWith(stored);
    } finally {
      jest.useRealTimers();
    }
  });

  it('stays open on Escape and on a click beside it while it saves and evaluates', async () => {
    let answer: (evaluation: SloEvaluation) => void = () => {};
    const onClose = jest.fn();
    const onSaved = jest.fn();
    const api = mockStewardshipApi({
      listMetricSources: async () => sources,
      updateSlo: async () => stored,
      evaluateSlo: () =>
        new Promise<SloEvaluation>(resolve => (answer = resolve)),
    });
    await renderEditor(api, { slo: stored, onClose, onSaved });
    const escape = () =>
      fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    // Pressed and released on the backdrop: what MUI counts as a click beside the dialog.
    const clickBeside = () => {
      const backdrop = screen.getByRole('dialog').parentElement!;
      fireEvent.mouseDown(backdrop);
      fireEvent.mouseUp(backdrop);
    };

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByRole('button', { name: 'Evaluating…' }),
    ).toHaveAttribute('aria-disabled', 'true');
    escape();
    clickBeside();
    expect(onClose).not.toHaveBeenCalled();

    answer({ sloId: stored.id } as SloEvaluation);
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(stored));
    // Once done, both close it again (the parent here leaves it open).
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Save' })).not.toHaveAttribute(
        'aria-disabled',
      ),
    );
    escape();
    expect(onClose).toHaveBeenCalledTimes(1);
    clickBeside();
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it("shows the server's 400 problems under the fields they name, the rest above the form", async () => {
    const message =
      'request/body/objective must be < 1, request/body/timeWindow/duration must match pattern "^([0-9]+[smhdw])+$"';
    const domain =
      'Invalid SLO:\nmetricSource: no metric source "prom" is configured under stewardship.metricSources (configured: none)\n(root): entityRef component:default/payments-api is not in the catalog';
    const createSlo = jest
      .fn()
      .mockRejectedValueOnce(await backendError(400, message))
      .mockRejectedValueOnce(await backendError(400, domain));
    await renderFilledEditor({
      createSlo,
    });
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));

    await waitFor(() => expect(helperOf(/^Objective/)).toBe('must be < 1'));
    expect(helperOf(/^Window length/)).toBe(
      'must match pattern "^([0-9]+[smhdw])+$"',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(
      await screen.findByText(
        'no metric source "prom" is configured under stewardship.metricSources (configured: none)',
      ),
    ).toBeInTheDocument();
    // The problems of the first answer are gone; the unmatched one is above the form.
    expect(helperOf(/^Objective/)).toBe('e.g. 99.9');
    expect(
      within(screen.getByRole('alert')).getByText(
        '(root): entityRef component:default/payments-api is not in the catalog',
      ),
    ).toBeInTheDocument();
  });

  it('edits the labels, one key: value per line, and names a line it cannot read', async () => {
    const updateSlo = jest.fn(async () => ({ ...stored, version: 2 }));
    const onSaved = jest.fn();
    const api = mockStewardshipApi({
      listMetricSources: async () => sources,
      updateSlo,
    });
    await renderEditor(api, { slo: stored, onSaved });
    const labels = screen.getByLabelText(/^Labels/);
    expect(labels).toHaveValue('tier: critical');

    const save = screen.getByRole('button', { name: 'Save' });
    // Pasted (one input event; key by key renders the form per key), the line break a key press.
    await userEvent.clear(labels);
    await userEvent.paste('tier high');
    await userEvent.click(save);
    expect(
      await screen.findByText(
        'Line 1: write it as key: value, e.g. tier: critical',
      ),
    ).toBeInTheDocument();
    expect(updateSlo).not.toHaveBeenCalled();

    await userEvent.clear(labels);
    await userEvent.paste('tier: high');
    await userEvent.keyboard('{Enter}');
    await userEvent.paste('team: payments');
    await userEvent.click(save);
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(updateSlo).toHaveBeenCalledWith(
      stored.id,
      expect.objectContaining({
        version: 1,
        labels: { tier: 'high', team: 'payments' },
      }),
    );
  });

  it('keeps labels no line can hold as stored, saying so under Labels', async () => {
    const labels = {
      'team: payments': 'x',
      tier: 'critical',
      padded: ' padded ',
    };
    const updateSlo = jest.fn(async () => ({ ...stored, version: 2 }));
    const onSaved = jest.fn();
    await renderEditor(
      mockStewardshipApi({ listMetricSources: async () => sources, updateSlo }),
      { slo: { ...stored, labels }, onSaved },
    );
    expect(screen.getByLabelText(/^Labels/)).toHaveValue('tier: critical');
    expect(helperOf(/^Labels/)).toMatch(
      /Kept as stored, as no line here can hold them .*: "team: payments" = "x", "padded" = " padded "\./,
    );
    setText(/^Labels/, 'tier: high');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(updateSlo).toHaveBeenCalledWith(
      stored.id,
      expect.objectContaining({
        labels: { 'team: payments': 'x', padded: ' padded ', tier: 'high' },
      }),
    );
  });

  it('on a 409 says someone else changed the SLO and reloads their version', async () => {
    const theirs: SloDefinition = {
      ...stored,
      version: 2,
      objective: 0.995,
      description: 'Changed by someone else',
    };
    const updateSlo = jest
      .fn()
      .mockRejectedValueOnce(
        await backendError(409, 'SLO was changed: version 2, not 1'),
      )
      .mockResolvedValueOnce({ ...theirs, version: 3 });
    const getSlo = jest.fn(async () => theirs);
    const onSaved = jest.fn();
    const api = mockStewardshipApi({
      listMetricSources: async () => sources,
      updateSlo,
      getSlo,
    });
    await renderEditor(api, { slo: stored, onSaved });
    expect(screen.getByLabelText(/^Objective/)).toHaveValue('99.9');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(
      await screen.findByText(
        /Someone else changed this SLO since you opened it/,
      ),
    ).toBeInTheDocument();
    expect(updateSlo).toHaveBeenLastCalledWith(
      stored.id,
      expect.objectContaining({
        version: 1,
        objective: 0.999,
        labels: { tier: 'critical' },
      }),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() =>
      expect(screen.getByLabelText(/^Objective/)).toHaveValue('99.5'),
    );
    expect(getSlo).toHaveBeenCalledWith(stored.id);
    expect(screen.getByLabelText(/^Description/)).toHaveValue(
      'Changed by someone else',
    );
    expect(screen.queryByText(/Someone else changed/)).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(updateSlo).toHaveBeenLastCalledWith(
      stored.id,
      expect.objectContaining({ version: 2, objective: 0.995 }),
    );
  });

  it('on Reload after a 409 keeps what was typed on top of their version, and says so', async () => {
    const theirs: SloDefinition = {
      ...stored,
      version: 2,
      objective: 0.9995,
      labels: { tier: 'critical', changedBy: 'tabB' },
    };
    const updateSlo = jest
      .fn()
      .mockRejectedValueOnce(
        await backendError(409, 'SLO was changed: version 2, not 1'),
      )
      .mockResolvedValueOnce({ ...theirs, version: 3 });
    const onSaved = jest.fn();
    await renderEditor(
      mockStewardshipApi({
        listMetricSources: async () => sources,
        updateSlo,
        getSlo: async () => theirs,
      }),
      { slo: stored, onSaved },
    );
    setText(/^Description/, 'TAB A typed this');
    setText(/^Objective/, '99.5');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Reload' }),
    );
    expect(
      await screen.findByText(
        'Loaded the version saved meanwhile and kept your changes to Description, Objective (%). The other change to Objective (%) gave way to yours. Check the form, then save.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/^Description/)).toHaveValue(
      'TAB A typed this',
    );
    expect(screen.getByLabelText(/^Objective/)).toHaveValue('99.5');
    expect(screen.getByLabelText(/^Labels/)).toHaveValue(
      'tier: critical\nchangedBy: tabB',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(updateSlo).toHaveBeenLastCalledWith(
      stored.id,
      expect.objectContaining({
        version: 2,
        description: 'TAB A typed this',
        objective: 0.995,
        labels: { tier: 'critical', changedBy: 'tabB' },
      }),
    );
  });

  describe('on a 404: the SLO was deleted since the editor opened', () => {
    const gone = () => backendError(404, `No SLO with id ${stored.id}`);

    it('says so on Save, keeps the values and creates it again from them', async () => {
      const createSlo = jest.fn(async () => ({ ...stored, id: 'new-id' }));
      const onSaved = jest.fn();
      await renderEditor(
        mockStewardshipApi({
          listMetricSources: async () => sources,
          updateSlo: jest.fn().mockRejectedValue(await gone()),
          createSlo,
        }),
        { slo: stored, onSaved },
      );
      setText(/^Description/, 'Typed before it was deleted');
      await userEvent.click(screen.getByRole('button', { name: 'Save' }));
      expect(
        await screen.findByText(
          'This SLO was deleted since you opened the editor, so your changes could not be saved. The form still holds your values: Create again stores them as a new SLO; Cancel drops them.',
        ),
      ).toBeInTheDocument();
      expect(screen.queryByText(/No SLO with id/)).toBeNull();
      expect(screen.getByLabelText(/^Description/)).toHaveValue(
        'Typed before it was deleted',
      );

      await userEvent.click(
        screen.getByRole('button', { name: 'Create again' }),
      );
      await waitFor(() =>
        expect(onSaved).toHaveBeenCalledWith({ ...stored, id: 'new-id' }),
      );
      const { id, version, createdAt, updatedAt, ...spec } = stored;
      expect(createSlo).toHaveBeenCalledWith({
        ...spec,
        description: 'Typed before it was deleted',
      });
    });

    it('says so on Delete: nothing is left to delete', async () => {
      const onDeleted = jest.fn();
      await renderEditor(
        mockStewardshipApi({
          listMetricSources: async () => sources,
          deleteSlo: jest.fn().mockRejectedValue(await gone()),
        }),
        { slo: stored, onDeleted },
      );
      await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
      await userEvent.click(
        within(
          await screen.findByRole('dialog', {
            name: 'Delete SLO availability?',
          }),
        ).getByRole('button', { name: 'Delete' }),
      );
      expect(
        await screen.findByText(
          /^This SLO was already deleted since you opened the editor: there is nothing left to delete\./,
        ),
      ).toBeInTheDocument();
      expect(screen.queryByText(/Could not delete the SLO/)).toBeNull();
      expect(onDeleted).not.toHaveBeenCalled();
    });
  });

  describe('on a 409 for a name the entity already uses', () => {
    const otherId = '9d0e8f7a-2b3c-4d5e-8f9a-0b1c2d3e4f5a';
    const taken = (name: string) =>
      backendError(
        409,
        `name: component:default/payments-api already has an SLO named "${name}" (id ${otherId})`,
      );

    it('marks Name with a sentence, focuses it, and shows no id', async () => {
      await renderFilledEditor({
        createSlo: jest.fn().mockRejectedValue(await taken('latency-p99')),
      });
      await userEvent.click(screen.getByRole('button', { name: 'Create' }));
      const name = screen.getByLabelText(/^Name/);
      await waitFor(() => expect(name).toHaveAttribute('aria-invalid', 'true'));
      expect(helperOf(/^Name/)).toBe(
        'This entity already has an SLO named "latency-p99". Choose another name.',
      );
      await waitFor(() => expect(name).toHaveFocus());
      expect(screen.queryByText(new RegExp(otherId))).toBeNull();
      expect(screen.queryByRole('alert')).toBeNull();
    });

    it('says it on an edit too, not that someone else changed the SLO', async () => {
      await renderEditor(
        mockStewardshipApi({
          listMetricSources: async () => sources,
          updateSlo: jest.fn().mockRejectedValue(await taken('latency')),
        }),
        { slo: stored },
      );
      setText(/^Name/, 'latency');
      await userEvent.click(screen.getByRole('button', { name: 'Save' }));
      await waitFor(() =>
        expect(helperOf(/^Name/)).toBe(
          'This entity already has an SLO named "latency". Choose another name.',
        ),
      );
      expect(screen.queryByText(/Someone else changed/)).toBeNull();
      expect(screen.queryByRole('button', { name: 'Reload' })).toBeNull();
    });

    it('marks Name when another request took the name at the same time', async () => {
      await renderFilledEditor({
        createSlo: jest
          .fn()
          .mockRejectedValue(
            await backendError(
              409,
              'name: component:default/payments-api already has an SLO named "latency-p99" (written by another request at the same time)',
            ),
          ),
      });
      await userEvent.click(screen.getByRole('button', { name: 'Create' }));
      const name = screen.getByLabelText(/^Name/);
      await waitFor(() => expect(name).toHaveAttribute('aria-invalid', 'true'));
      expect(helperOf(/^Name/)).toBe(
        'This entity already has an SLO named "latency-p99". Choose another name.',
      );
      expect(screen.queryByRole('alert')).toBeNull();
    });
  });

  it('deletes only after confirmation', async () => {
    const deleteSlo = jest.fn(async () => {});
    const onDeleted = jest.fn();
    const api = mockStewardshipApi({
      listMetricSources: async () => sources,
      deleteSlo,
    });
    await renderEditor(api, { slo: stored, onDeleted });
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const confirm = await screen.findByRole('dialog', {
      name: 'Delete SLO availability?',
    });
    // No one can open a deleted SLO's history: the question says what is true.
    expect(confirm).toHaveTextContent(
      'It disappears from every list and review, past periods included, and is no longer evaluated.',
    );
    expect(confirm).not.toHaveTextContent(/history/);
    expect(deleteSlo).not.toHaveBeenCalled();
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Keep' }),
    );
    // The dialog leaves after its exit transition, which takes longer than waitFor's default
    // second on a loaded machine.
    await waitFor(
      () =>
        expect(
          screen.queryByRole('dialog', { name: 'Delete SLO availability?' }),
        ).not.toBeInTheDocument(),
      { timeout: 5000 },
    );
    expect(deleteSlo).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const again = await screen.findByRole('dialog', {
      name: 'Delete SLO availability?',
    });
    await userEvent.click(
      within(again).getByRole('button', { name: 'Delete' }),
    );
    await waitFor(() => expect(onDeleted).toHaveBeenCalledWith(stored));
    expect(deleteSlo).toHaveBeenCalledWith(stored.id);
  });

  it('on a 409 for a delete offers to reload, deletes nothing and keeps the editor open', async () => {
    const deleteSlo = jest.fn(async () => {
      throw await backendError(
        409,
        `SLO ${stored.id} was changed: version 2, not 1; read it again and retry`,
      );
    });
    const getSlo = jest.fn(async () => ({ ...stored, version: 2 }));
    const onDeleted = jest.fn();
    const api = mockStewardshipApi({
      listMetricSources: async () => sources,
      deleteSlo,
      getSlo,
    });
    await renderEditor(api, { slo: stored, onDeleted });
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const confirm = await screen.findByRole('dialog', {
      name: 'Delete SLO availability?',
    });
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Delete' }),
    );
    expect(
      await screen.findByText(
        /Someone else changed this SLO since you opened it/,
      ),
    ).toBeInTheDocument();
    expect(deleteSlo).toHaveBeenCalledWith(stored.id);
    expect(onDeleted).not.toHaveBeenCalled();
    expect(screen.queryByText(/Could not delete the SLO/)).toBeNull();
    // The confirmation leaves after its exit transition (the editor is hidden from roles till then).
    await waitFor(
      () =>
        expect(
          screen.queryByRole('dialog', { name: 'Delete SLO availability?' }),
        ).not.toBeInTheDocument(),
      { timeout: 5000 },
    );

    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(getSlo).toHaveBeenCalledWith(stored.id));
    await waitFor(() =>
      expect(
        screen.queryByText(/Someone else changed/),
      ).not.toBeInTheDocument(),
    );
  });
});

/** Escape pressed in the editor. */
function pressEscapeInEditor() {
  fireEvent.keyDown(screen.getByRole('dialog', { name: /SLO/ }), {
    key: 'Escape',
  });
}

/**
 * Pressed and released on the backdrop: what MUI counts as a click beside the editor. A browser
 * moves focus there too (MUI's container around the dialog takes focus), which fireEvent does not.
 */
function clickBesideEditor() {
  const backdrop = screen.getByRole('dialog', { name: /SLO/ }).parentElement!;
  fireEvent.mouseDown(backdrop);
  if (backdrop.hasAttribute('tabindex')) act(() => backdrop.focus());
  fireEvent.mouseUp(backdrop);
}

const DISCARD = 'Discard your changes to this SLO?';

/** Waits until the discard question has left the page (after its exit transition). */
async function discardQuestionGone() {
  await waitFor(
    () => expect(screen.queryByRole('dialog', { name: DISCARD })).toBeNull(),
    { timeout: 5000 },
  );
}

/** A button that opens the editor, which closes as the editor asks. */
function EditorOpener(props: { slo?: SloDefinition }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open the editor
      </button>
      <SloEditor
        open={open}
        entityRef="component:default/payments-api"
        slo={props.slo}
        onClose={() => setOpen(false)}
        onSaved={() => setOpen(false)}
      />
    </>
  );
}

describe('SloEditor: closing without saving', () => {
  it('closes an untouched form at once, the only source it filled in itself being no change', async () => {
    const onClose = jest.fn();
    await renderEditor(
      mockStewardshipApi({ listMetricSources: async () => [sources[1]] }),
      { onClose },
    );
    // Filled in by the form: the one configured source.
    await screen.findByText('Type prometheus, up', {
      selector: 'p#slo-metric-source-helper-text',
    });

    pressEscapeInEditor();
    expect(onClose).toHaveBeenCalledTimes(1);
    clickBesideEditor();
    expect(onClose).toHaveBeenCalledTimes(2);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalledTimes(3);
    expect(screen.queryByRole('dialog', { name: DISCARD })).toBeNull();
  });

  it('asks before discarding a changed form; Keep editing keeps what was typed', async () => {
    const onClose = jest.fn();
    await renderEditor(
      mockStewardshipApi({ listMetricSources: async () => sources }),
      { slo: stored, onClose },
    );
    setText(/^Name/, 'availability-v2');

    // Escape: asked, with focus on the answer that keeps everything.
    pressEscapeInEditor();
    let question = await screen.findByRole('dialog', { name: DISCARD });
    await waitFor(() =>
      expect(
        within(question).getByRole('button', { name: 'Keep editing' }),
      ).toHaveFocus(),
    );
    await userEvent.click(
      within(question).getByRole('button', { name: 'Keep editing' }),
    );
    await discardQuestionGone();
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/^Name/)).toHaveValue('availability-v2');

    // A click beside it: asked too; Escape there keeps editing as well.
    clickBesideEditor();
    question = await screen.findByRole('dialog', { name: DISCARD });
    fireEvent.keyDown(question, { key: 'Escape' });
    await discardQuestionGone();
    expect(onClose).not.toHaveBeenCalled();

    // Cancel: asked; Discard closes.
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    question = await screen.findByRole('dialog', { name: DISCARD });
    await userEvent.click(
      within(question).getByRole('button', { name: 'Discard' }),
    );
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('counts a value typed and then put back as no change', async () => {
    const onClose = jest.fn();
    await renderEditor(
      mockStewardshipApi({ listMetricSources: async () => sources }),
      { slo: stored, onClose },
    );
    setText(/^Name/, 'availability-v2');
    setText(/^Name/, 'availability');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog', { name: DISCARD })).toBeNull();
  });

  it('counts the version reloaded after a 409 as what the form opened with', async () => {
    const theirs: SloDefinition = {
      ...stored,
      version: 2,
      description: 'Changed by someone else',
    };
    const onClose = jest.fn();
    await renderEditor(
      mockStewardshipApi({
        listMetricSources: async () => sources,
        updateSlo: async () => {
          throw await backendError(409, 'SLO was changed: version 2, not 1');
        },
        getSlo: async () => theirs,
      }),
      { slo: stored, onClose },
    );
    setText(/^Description/, 'Mine');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Reload' }),
    );
    await screen.findByText(/Loaded the version saved meanwhile/);
    // Typed again on their version: still a change, so Cancel asks.
    expect(screen.getByLabelText(/^Description/)).toHaveValue('Mine');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await userEvent.click(
      within(await screen.findByRole('dialog', { name: DISCARD })).getByRole(
        'button',
        { name: 'Keep editing' },
      ),
    );
    await discardQuestionGone();
    expect(onClose).not.toHaveBeenCalled();

    // Their description put back: nothing differs from the version reloaded.
    setText(/^Description/, 'Changed by someone else');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog', { name: DISCARD })).toBeNull();
  });

  it('neither closes nor asks while a changed form saves', async () => {
    let answer: (evaluation: SloEvaluation) => void = () => {};
    const onClose = jest.fn();
    const onSaved = jest.fn();
    await renderEditor(
      mockStewardshipApi({
        listMetricSources: async () => sources,
        updateSlo: async () => stored,
        evaluateSlo: () =>
          new Promise<SloEvaluation>(resolve => (answer = resolve)),
      }),
      { slo: stored, onClose, onSaved },
    );
    setText(/^Description/, 'Checkout answers in time');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('button', { name: 'Evaluating…' });

    pressEscapeInEditor();
    clickBesideEditor();
    expect(screen.queryByRole('dialog', { name: DISCARD })).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
    answer({ sloId: stored.id } as SloEvaluation);
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(stored));
  });

  it('hands focus back to the control that opened the editor after Discard', async () => {
    await renderWithApi(
      <EditorOpener slo={stored} />,
      mockStewardshipApi({ listMetricSources: async () => sources }),
    );
    const opener = screen.getByRole('button', { name: 'Open the editor' });
    const ways: Array<[string, () => Promise<void> | void]> = [
      ['Escape', pressEscapeInEditor],
      ['a click beside it', clickBesideEditor],
      [
        'Cancel',
        () => userEvent.click(screen.getByRole('button', { name: 'Cancel' })),
      ],
    ];
    for (const [way, close] of ways) {
      await userEvent.click(opener);
      await screen.findByRole('dialog', { name: `Edit SLO ${stored.name}` });
      setText(/^Name/, 'availability-v2');
      await close();
      const question = await screen.findByRole('dialog', { name: DISCARD });
      await userEvent.click(
        within(question).getByRole('button', { name: 'Discard' }),
      );
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), {
        timeout: 5000,
      });
      expect([way, document.activeElement]).toEqual([way, opener]);
    }
  });
});

describe('SloEditor: alert policies', () => {
  it('writes policies in budget terms: each row checked, added and removed, sent as typed', async () => {
    const createSlo = jest.fn(async () => stored);
    const onSaved = jest.fn();
    await renderFilledEditor(
      {
        createSlo,
      },
      { onSaved },
    );
    // Objective 99.9 % over 30 days: every policy of the preset can fire.
    expect(
      screen.getByText(
        'Page when 2 % of the budget burns within 1h or 5 % within 6h; ticket when 10 % burns within 3d.',
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('radio', { name: 'Share of the budget within a time' }),
    );
    // One row to start with, which cannot be removed.
    expect(
      screen.getByRole('button', { name: 'Remove policy 1' }),
    ).toBeDisabled();
    setText(/^Policy 1 budget %/, '2');
    setText(/^Policy 1 within/, '1h');
    // No short window given: the backend's within ÷ 12, 5m.
    expect(
      screen.getByText(
        'Alert when 2 % of the budget burns within 1h, and within the last 5m too',
      ),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Add policy' }));
    // A new row is a ticket; its severity is a select named for its row.
    expect(
      screen.getByRole('button', { name: /^Policy 2 severity/ }),
    ).toHaveTextContent('ticket');
    setText(/^Policy 2 budget %/, '150');
    setText(/^Policy 2 within/, 'soon');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    const problem =
      'budget: a percentage greater than 0, at most 100; within: a duration such as 24h';
    expect(await screen.findByText(problem)).toBeInTheDocument();
    // The row's problem is the description of both its inputs, which are marked invalid.
    expect(helperOf(/^Policy 2 budget %/)).toBe(problem);
    expect(helperOf(/^Policy 2 within/)).toBe(problem);
    expect(screen.getByLabelText(/^Policy 2 within/)).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(screen.getByLabelText(/^Policy 1 within/)).toHaveAttribute(
      'aria-invalid',
      'false',
    );
    expect(createSlo).not.toHaveBeenCalled();

    setText(/^Policy 2 budget %/, '10');
    setText(/^Policy 2 within/, '3d');
    await userEvent.click(
      screen.getByRole('button', { name: /^Policy 1 severity/ }),
    );
    await userEvent.click(await screen.findByRole('option', { name: 'page' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add policy' }));
    setText(/^Policy 3 budget %/, '50');
    await userEvent.click(
      screen.getByRole('button', { name: 'Remove policy 3' }),
    );
    expect(screen.queryByLabelText(/^Policy 3/)).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(stored));
    expect(createSlo).toHaveBeenCalledWith(
      expect.objectContaining({
        alertPolicies: [
          { severity: 'page', budgetPercent: 2, within: '1h' },
          { severity: 'ticket', budgetPercent: 10, within: '3d' },
        ],
      }),
    );
  });

  it('names the window and budgeting selects by their labels, not only by their values', async () => {
    const api = mockStewardshipApi({ listMetricSources: async () => sources });
    await renderEditor(api);
    expect(screen.getByRole('button', { name: /^Window\b/ })).toHaveTextContent(
      'Rolling',
    );
    expect(
      screen.getByRole('button', { name: /^Budgeting method\b/ }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /^Window\b/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Calendar' }),
    );
    expect(
      screen.getByRole('button', { name: /^Calendar period\b/ }),
    ).toHaveTextContent('Month');
  });

  it('keeps burn-rate policies from YAML as written unless another option is chosen', async () => {
    const burnRatePolicies = [
      {
        name: 'fast',
        severity: 'page' as const,
        burnRate: 14.4,
        longWindow: '1h',
        shortWindow: '5m',
      },
    ];
    const updateSlo = jest.fn(async () => ({ ...stored, version: 2 }));
    const onSaved = jest.fn();
    const api = mockStewardshipApi({
      listMetricSources: async () => sources,
      updateSlo,
    });
    await renderEditor(api, {
      slo: { ...stored, alertPolicies: burnRatePolicies },
      onSaved,
    });
    expect(
      screen.getByRole('radio', { name: 'As written, with burn-rate terms' }),
    ).toBeChecked();
    expect(
      screen.getByText(
        /This policy is kept as written, as the form edits only the preset and budget terms; choose another option to replace them/,
      ),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('list', { name: 'Alert policies kept as written' }),
      )
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'fast: page when the burn rate exceeds 14.4 over 1h and over 5m',
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(updateSlo).toHaveBeenLastCalledWith(
      stored.id,
      expect.objectContaining({ alertPolicies: burnRatePolicies }),
    );
  });

  it("shows and keeps each policy's name and short window when only the description changes", async () => {
    const alertPolicies = [
      {
        name: 'fast-page',
        severity: 'page' as const,
        budgetPercent: 2,
        within: '1h',
        shortWindow: '2m',
      },
      { severity: 'ticket' as const, budgetPercent: 10, within: '3d' },
    ];
    const updateSlo = jest.fn(async () => ({ ...stored, version: 2 }));
    const onSaved = jest.fn();
    await renderEditor(
      mockStewardshipApi({ listMetricSources: async () => sources, updateSlo }),
      { slo: { ...stored, alertPolicies }, onSaved },
    );
    expect(screen.getByLabelText(/^Policy 1 name/)).toHaveValue('fast-page');
    expect(screen.getByLabelText(/^Policy 1 short window/)).toHaveValue('2m');
    expect(helperOf(/^Policy 1 budget %/)).toBe(
      'Alert when 2 % of the budget burns within 1h, and within the last 2m too',
    );
    setText(/^Description/, 'edited only the description');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(updateSlo).toHaveBeenCalledWith(
      stored.id,
      expect.objectContaining({
        description: 'edited only the description',
        alertPolicies,
      }),
    );
  });

  it('opens the preset beside budget rows as both, saying which preset policies the objective keeps', async () => {
    const alertPolicies = [
      { preset: 'sre-workbook' as const },
      { severity: 'page' as const, budgetPercent: 25, within: '24h' },
    ];
    const updateSlo = jest.fn(async () => ({ ...stored, version: 2 }));
    const onSaved = jest.fn();
    await renderEditor(
      mockStewardshipApi({ listMetricSources: async () => sources, updateSlo }),
      { slo: { ...stored, objective: 0.9, alertPolicies }, onSaved },
    );
    expect(
      screen.getByRole('radio', { name: 'Share of the budget within a time' }),
    ).toBeChecked();
    expect(screen.queryByRole('radio', { name: /As written/ })).toBeNull();
    expect(screen.getByLabelText(/^Policy 1 budget %/)).toHaveValue('25');
    expect(screen.getByLabelText(/^Policy 1 within/)).toHaveValue('24h');
    const preset = screen.getByRole('checkbox', {
      name: 'And the SRE Workbook preset',
    });
    expect(preset).toBeChecked();
    // 90 % over 30 days: every event failing burns at 10, under the 14.4 of 2 % within 1h.
    expect(preset).toHaveAccessibleDescription(
      'Page when 5 % of the budget burns within 6h; ticket when 10 % burns within 3d. The rest is left out at an objective of 90 %, as not even every event failing would burn that fast: page when 2 % of the budget burns within 1h.',
    );
    setText(/^Description/, 'edited');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(updateSlo).toHaveBeenCalledWith(
      stored.id,
      expect.objectContaining({ alertPolicies }),
    );
  });
});

describe('SloEditor: metric sources and failures', () => {
  const sourceHelper = () =>
    document.getElementById('slo-metric-source-helper-text')?.textContent;
  it('says the metric sources are loading while they are', async () => {
    const api = mockStewardshipApi({
      listMetricSources: () => new Promise(() => {}),
    });
    await renderEditor(api);
    expect(sourceHelper()).toBe('Loading the metric sources…');
  });

  it('says how to configure a metric source when there is none', async () => {
    const api = mockStewardshipApi({ listMetricSources: async () => [] });
    await renderEditor(api);
    await waitFor(() =>
      expect(sourceHelper()).toBe(
        'No metric source is configured: add one under stewardship.metricSources in app-config.yaml',
      ),
    );
  });

  it('shows a server failure above the form and keeps what was typed', async () => {
    const onSaved = jest.fn();
    await renderFilledEditor(
      {
        createSlo: async () => {
          throw new Error('HTTP 503 Service Unavailable');
        },
      },
      { onSaved },
    );
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(
      await screen.findByText('HTTP 503 Service Unavailable'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/^Name/)).toHaveValue('latency-p99');
    expect(screen.getByRole('button', { name: 'Create' })).toBeEnabled();
    expect(onSaved).not.toHaveBeenCalled();
  });
});

/** A preview's answer: 12 bad of 12,345 events against a 0.1 % budget. */
const previewEvaluation: SloEvaluation = {
  sloId: 'preview',
  sloVersion: 0,
  entityRef: 'component:default/payments-api',
  at: '2026-11-30T12:00:00.000Z',
  evaluatedAt: '2026-11-30T12:00:00.000Z',
  status: 'healthy',
  window: {
    start: '2026-10-31T12:00:00.000Z',
    end: '2026-11-30T12:00:00.000Z',
  },
  // 12 bad of 12,345 against a 0.1 % budget (12.345 allowed): 1 − 12/12.345 ≈ 2.8 % left.
  sli: 12_333 / 12_345,
  counts: { good: 12_333, total: 12_345 },
  objective: 0.999,
  errorBudget: {
    remaining: 1 - 12 / 12.345,
    consumed: 12 / 12.345,
    allowedBad: 12.345,
    bad: 12,
  },
  burnRates: [],
  alerts: [],
  explanation: { queries: [], formulas: [] },
};

/** Records each `scrollIntoView` (jsdom has none) until `restore()`. */
function watchScrolling() {
  const calls: Array<{ element: Element; options: unknown }> = [];
  const original = Element.prototype.scrollIntoView;
  Element.prototype.scrollIntoView = function scrollIntoView(
    this: Element,
    options?: boolean | ScrollIntoViewOptions,
  ) {
    calls.push({ element: this, options });
  };
  return {
    calls,
    restore: () => {
      Element.prototype.scrollIntoView = original;
    },
  };
}

describe('SloEditor SLI preview', () => {
  it('evaluates the unsaved SLO and says what its queries count, saving nothing', async () => {
    const previewSlo = jest.fn(async () => previewEvaluation);
    const createSlo = jest.fn();
    await renderFilledEditor({
      previewSlo,
      createSlo,
    });
    await userEvent.click(screen.getByRole('button', { name: 'Preview SLI' }));

    const status = await screen.findByText(/the queries count/);
    expect(status.closest('[role="status"]')?.textContent).toBe(
      'SLI preview: Over 2026-10-31 12:00 UTC – 2026-11-30 12:00 UTC the queries count 12,345 events, 12,333 of them good: SLI 99.903 % against the objective of 99.9 %; error budget 2.8 % left.',
    );
    expect(previewSlo).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/payments-api',
        name: 'latency-p99',
        sli: { type: 'ratio', good: 'ok_total', total: 'all_total' },
        objective: 0.999,
        metricSource: 'prom',
      }),
    );
    expect(createSlo).not.toHaveBeenCalled();
  });

  it('marks the preview out of date once the form differs from what it was made for', async () => {
    await renderFilledEditor({ previewSlo: async () => previewEvaluation });
    await userEvent.click(screen.getByRole('button', { name: 'Preview SLI' }));
    const status = (await screen.findByText(/the queries count/)).closest(
      '[role="status"]',
    ) as HTMLElement;
    // Announced once, by the region: the Alert inside is no alert of its own.
    expect(within(status).queryByRole('alert')).toBeNull();

    // A name is no part of the figures: still true.
    setText(/^Name/, 'renamed');
    expect(status).toHaveTextContent(/against the objective of 99\.9 %/);

    setText(/^Objective/, '99.99');
    expect(status.textContent).toBe(
      'SLI preview out of date: the queries, objective, window, budgeting, schedule or metric source changed since it was made. Press Preview SLI to see what the form counts now.',
    );
    expect(within(status).queryByRole('alert')).toBeNull();
    setText(/^Objective/, '99.9');
    expect(status).toHaveTextContent(/against the objective of 99\.9 %/);
    setText(/^Window length/, '7d');
    expect(status).toHaveTextContent(/^SLI preview out of date/);
  });

  it('keeps focus on Preview SLI while it runs, then brings the outcome into view', async () => {
    let answer: (evaluation: SloEvaluation) => void = () => {};
    const previewSlo = jest.fn(
      () => new Promise<SloEvaluation>(resolve => (answer = resolve)),
    );
    await renderFilledEditor({ previewSlo });
    const scrolling = watchScrolling();
    try {
      const button = screen.getByRole('button', { name: 'Preview SLI' });
      act(() => button.focus());
      await userEvent.keyboard('{Enter}');
      expect(previewSlo).toHaveBeenCalledTimes(1);
      // Busy: unavailable to assistive technology, but focus stays (`disabled` would drop it).
      expect(button).toHaveAttribute('aria-disabled', 'true');
      expect(button).toBeEnabled();
      expect(button).toHaveFocus();
      // A source that never answers holds it up to the query timeout: it says it is working,
      // on the button and in the live region under the form (announced as it comes).
      expect(button).toHaveAttribute('aria-busy', 'true');
      expect(button).toHaveTextContent('Previewing…');
      expect(
        screen
          .getByText('Previewing the SLI: asking the metric source…')
          .closest('[role="status"]'),
      ).toHaveAttribute('aria-live', 'polite');
      await userEvent.keyboard('{Enter}');
      expect(previewSlo).toHaveBeenCalledTimes(1);
      expect(scrolling.calls).toEqual([]);

      await act(async () => answer(previewEvaluation));
      const region = (await screen.findByText(/the queries count/)).closest(
        '[role="status"]',
      );
      expect(region).not.toBeNull();
      expect(scrolling.calls).toEqual([
        { element: region, options: { block: 'nearest' } },
      ]);
      expect(button).toHaveFocus();
      expect(button).not.toHaveAttribute('aria-disabled');
      expect(button).not.toHaveAttribute('aria-busy');
      expect(button).toHaveTextContent('Preview SLI');
      expect(screen.queryByText(/asking the metric source/)).toBeNull();
    } finally {
      scrolling.restore();
    }
  });

  it('brings what stops a preview, and a failed preview, into view', async () => {
    const previewSlo = jest
      .fn()
      .mockRejectedValue(new Error('HTTP 503 Service Unavailable'));
    await renderFilledEditor({ previewSlo });
    const scrolling = watchScrolling();
    try {
      setText(/^Name/, '');
      await userEvent.click(
        screen.getByRole('button', { name: 'Preview SLI' }),
      );
      const blocked = (await screen.findByText(/to preview the SLI/)).closest(
        '[aria-live="assertive"]',
      );
      expect(blocked).not.toBeNull();
      expect(scrolling.calls).toEqual([
        { element: blocked, options: { block: 'nearest' } },
      ]);

      setText(/^Name/, 'latency-p99');
      await userEvent.click(
        screen.getByRole('button', { name: 'Preview SLI' }),
      );
      const failed = (
        await screen.findByText(
          'Could not preview the SLI: HTTP 503 Service Unavailable',
        )
      ).closest('[role="status"]');
      expect(failed).not.toBeNull();
      expect(scrolling.calls).toEqual([
        { element: blocked, options: { block: 'nearest' } },
        { element: failed, options: { block: 'nearest' } },
      ]);
    } finally {
      scrolling.restore();
    }
  });

  it('says and shows the same blocking problem again on each press of Preview SLI', async () => {
    const previewSlo = jest.fn(async () => previewEvaluation);
    await renderFilledEditor({ previewSlo });
    const scrolling = watchScrolling();
    try {
      setText(/^Name/, '');
      const press = () =>
        userEvent.click(screen.getByRole('button', { name: 'Preview SLI' }));
      await press();
      const first = await screen.findByText(/to preview the SLI/);
      await press();
      const second = await screen.findByText(/to preview the SLI/);
      // A new node in the live region (announced again), and scrolled to again.
      expect(second).not.toBe(first);
      const region = second.closest('[aria-live="assertive"]');
      expect(scrolling.calls).toEqual([
        { element: region, options: { block: 'nearest' } },
        { element: region, options: { block: 'nearest' } },
      ]);
      expect(previewSlo).not.toHaveBeenCalled();
    } finally {
      scrolling.restore();
    }
  });

  it('shows the server’s 400 on the field it names, and other failures above the form', async () => {
    const previewSlo = jest
      .fn()
      .mockRejectedValueOnce(
        await backendError(
          400,
          'Invalid SLO:\nsli.total: matched no metric name',
        ),
      )
      .mockRejectedValueOnce(new Error('HTTP 429 Too Many Requests'));
    await renderFilledEditor({
      previewSlo,
    });
    await userEvent.click(screen.getByRole('button', { name: 'Preview SLI' }));
    await waitFor(() =>
      expect(helperOf(/^Total events query/)).toBe('matched no metric name'),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Preview SLI' }));
    expect(
      await screen.findByText(
        'Could not preview the SLI: HTTP 429 Too Many Requests',
      ),
    ).toBeInTheDocument();
  });

  it('says beside the preview which fields stop it, and clears that once it runs', async () => {
    const previewSlo = jest
      .fn()
      .mockRejectedValue(new Error('HTTP 503 Service Unavailable'));
    await renderFilledEditor({
      previewSlo,
    });
    setText(/^Name/, '');
    setText(/^Objective/, '');
    await userEvent.click(screen.getByRole('button', { name: 'Preview SLI' }));

    const alert = await screen.findByText(/to preview the SLI/);
    expect(alert.closest('[aria-live="assertive"]')?.textContent).toBe(
      'Fix the fields marked above to preview the SLI: Name, Objective (%).',
    );
    expect(previewSlo).not.toHaveBeenCalled();

    setText(/^Name/, 'latency-p99');
    setText(/^Objective/, '99.9');
    await userEvent.click(screen.getByRole('button', { name: 'Preview SLI' }));
    expect(
      await screen.findByText(
        'Could not preview the SLI: HTTP 503 Service Unavailable',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/to preview the SLI/)).not.toBeInTheDocument();
  });

  it('drops the preview message once Save is pressed, whatever the save answers', async () => {
    await renderFilledEditor({
      createSlo: async () => {
        throw new Error('HTTP 503 Service Unavailable');
      },
    });
    setText(/^Name/, '');
    await userEvent.click(screen.getByRole('button', { name: 'Preview SLI' }));
    expect(await screen.findByText(/to preview the SLI/)).toBeInTheDocument();

    setText(/^Name/, 'latency-p99');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(
      await screen.findByText(/HTTP 503 Service Unavailable/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/to preview the SLI/)).not.toBeInTheDocument();
  });

  it('names the field a server 400 marks beside the preview too', async () => {
    const previewSlo = jest
      .fn()
      .mockRejectedValueOnce(
        await backendError(
          400,
          'Invalid SLO:\nsli.total: matched no metric name',
        ),
      );
    await renderFilledEditor({
      previewSlo,
    });
    await userEvent.click(screen.getByRole('button', { name: 'Preview SLI' }));
    const alert = await screen.findByText(/to preview the SLI/);
    expect(alert.closest('[aria-live="assertive"]')?.textContent).toBe(
      'Fix the fields marked above to preview the SLI: Total events query.',
    );
  });
});

describe('SloEditor: a refused save takes focus to what stops it', () => {
  /** Presses `name` from the keyboard, as a keyboard or screen reader user does. */
  async function pressKey(name: string) {
    const button = screen.getByRole('button', { name });
    act(() => button.focus());
    await userEvent.keyboard('{Enter}');
  }

  it('focuses the first field marked, whose description says why, on each refused Create', async () => {
    const createSlo = jest.fn();
    // Two sources: the form fills none in itself.
    await renderEditor(
      mockStewardshipApi({ listMetricSources: async () => sources, createSlo }),
    );
    await pressKey('Create');
    const name = screen.getByRole('textbox', { name: /^Name/ });
    await waitFor(() => expect(name).toHaveFocus());
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription('Required');

    // Everything above it given: the metric source select, whose problem was said to no one.
    setText(/^Name/, 'latency-p99');
    setText(/^Good events query/, 'ok_total');
    setText(/^Total events query/, 'all_total');
    setText(/^Objective/, '99.9');
    await pressKey('Create');
    const source = screen.getByRole('button', { name: /^Metric source/ });
    await waitFor(() => expect(source).toHaveFocus());
    expect(source).toHaveAttribute('aria-invalid', 'true');
    expect(source).toHaveAccessibleDescription('Required');
    expect(createSlo).not.toHaveBeenCalled();
  });

  it('focuses a day of a business-hours schedule with none ticked, saying to pick one', async () => {
    const createSlo = jest.fn();
    await renderFilledEditor({ createSlo });
    await userEvent.click(
      screen.getByRole('checkbox', { name: /^Business hours only/ }),
    );
    // Unticked by their labels: a checkbox role query works out the name of every checkbox of
    // the form (~0.4 s each in jsdom); the one the test is about is found by its role below.
    for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) {
      await userEvent.click(screen.getByLabelText(day));
    }
    setText(/^From/, '09:00');
    setText(/^To \(local time\)/, '17:00');
    setText(/^Schedule time zone/, 'Europe/Berlin');
    await pressKey('Create');
    const monday = screen.getByRole('checkbox', { name: 'Mon' });
    await waitFor(() => expect(monday).toHaveFocus());
    expect(monday).toHaveAttribute('aria-invalid', 'true');
    expect(monday).toHaveAccessibleDescription('Pick at least one day');
    expect(createSlo).not.toHaveBeenCalled();
  });

  it('focuses the field a 400 on Save names, a choice at its chosen option', async () => {
    const updateSlo = jest
      .fn()
      .mockRejectedValueOnce(
        await backendError(
          400,
          'request/body/timeWindow/duration must match pattern "^([0-9]+[smhdw])+$"',
        ),
      )
      .mockRejectedValueOnce(
        await backendError(
          400,
          'Invalid SLO:\nsli: a latency SLI needs a histogram',
        ),
      );
    await renderEditor(
      mockStewardshipApi({ listMetricSources: async () => sources, updateSlo }),
      { slo: stored },
    );
    await pressKey('Save');
    const window = screen.getByRole('textbox', { name: /^Window length/ });
    await waitFor(() => expect(window).toHaveFocus());
    expect(window).toHaveAccessibleDescription(
      'must match pattern "^([0-9]+[smhdw])+$"',
    );

    // A problem with the SLI kind: its chosen radio takes focus, in a group that says why.
    await userEvent.click(
      screen.getByRole('radio', { name: 'Latency threshold' }),
    );
    setText(/^Threshold/, '0.3');
    await pressKey('Save');
    const latency = screen.getByRole('radio', { name: 'Latency threshold' });
    await waitFor(() => expect(latency).toHaveFocus());
    expect(
      screen.getByRole('radiogroup', { name: 'SLI kind' }),
    ).toHaveAccessibleDescription('a latency SLI needs a histogram');
  });

  it('focuses the chosen alert policy option on a 400 about the policies as a whole', async () => {
    const createSlo = jest
      .fn()
      .mockRejectedValueOnce(
        await backendError(400, 'Invalid SLO:\nalertPolicies: too many pages'),
      );
    await renderFilledEditor({ createSlo });
    await pressKey('Create');
    const preset = screen.getByRole('radio', { name: 'SRE Workbook preset' });
    await waitFor(() => expect(preset).toHaveFocus());
    expect(
      screen.getByRole('radiogroup', { name: 'Alert policies' }),
    ).toHaveAccessibleDescription('too many pages');
  });

  it('shows and focuses a 400 about the business-hours schedule as a whole', async () => {
    const createSlo = jest
      .fn()
      .mockRejectedValueOnce(
        await backendError(400, 'Invalid SLO:\nschedule: covers no time'),
      );
    await renderFilledEditor({ createSlo });
    const businessHours = screen.getByRole('checkbox', {
      name: /^Business hours only/,
    });
    await userEvent.click(businessHours);
    setText(/^From/, '09:00');
    setText(/^To \(local time\)/, '09:00');
    setText(/^Schedule time zone/, 'Europe/Berlin');
    await pressKey('Create');
    await waitFor(() => expect(businessHours).toHaveFocus());
    expect(businessHours).toHaveAttribute('aria-invalid', 'true');
    expect(businessHours).toHaveAccessibleDescription('covers no time');
  });

  it('leaves focus on Preview SLI when a preview is refused: it says why beside the preview', async () => {
    const previewSlo = jest.fn();
    await renderFilledEditor({ previewSlo });
    setText(/^Name/, '');
    await pressKey('Preview SLI');
    expect(await screen.findByText(/to preview the SLI/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Preview SLI' })).toHaveFocus();
    expect(screen.getByRole('textbox', { name: /^Name/ })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(previewSlo).not.toHaveBeenCalled();
  });
});
