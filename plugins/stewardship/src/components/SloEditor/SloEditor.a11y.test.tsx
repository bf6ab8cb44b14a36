/*
 * axe (in jsdom) on the SLO editor in each of its modes. The e2e runs axe in Chromium on the
 * editor as it opens and with budget-term alert policies; the other modes (latency and bad-event
 * SLIs, calendar windows, timeslices, business hours, burn-rate policies from YAML, every
 * field's problem shown) are other markup, cheaper to sweep here. jsdom has no layout, so colour
 * contrast is left to the e2e; every other serious or critical rule applies.
 */
import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MetricSourceSummary } from '../../api';
import { seriousAxeViolations } from '../../__testUtils__/axe';
import { healthySlo } from '../../__testUtils__/sloFixtures';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { SloEditor } from './SloEditor';

jest.setTimeout(60_000);

const sources: MetricSourceSummary[] = [
  {
    name: 'prom',
    type: 'prometheus',
    health: { status: 'ok', checkedAt: '2026-01-01T00:00:00.000Z' },
  },
];

/** Serious and critical violations inside the open dialog. */
const seriousViolations = () =>
  seriousAxeViolations(screen.getByRole('dialog'));

async function choose(select: RegExp, option: string) {
  await userEvent.click(screen.getByRole('button', { name: select }));
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

async function openEditor(
  slo?: SloDefinition,
  metricSources: MetricSourceSummary[] = sources,
) {
  const api = mockStewardshipApi({
    listMetricSources: async () => metricSources,
  });
  await renderWithApi(
    <SloEditor
      open
      entityRef="component:default/payments-api"
      slo={slo}
      onClose={() => {}}
      onSaved={() => {}}
    />,
    api,
  );
}

describe('SloEditor accessibility (axe in jsdom)', () => {
  it('has no serious violation as it opens', async () => {
    await openEditor();
    expect(await seriousViolations()).toEqual([]);
  });

  it('draws its radios and checkboxes in the primary colour, as its buttons', async () => {
    await openEditor();
    // Business hours shows the weekday boxes too.
    await userEvent.click(
      screen.getByRole('checkbox', { name: /^Business hours only/ }),
    );
    const controls = [
      ...screen.getAllByRole('radio'),
      ...screen.getAllByRole('checkbox'),
    ];
    expect(controls.length).toBeGreaterThan(8);
    for (const control of controls) {
      // MUI v4 draws them in the secondary colour (pink in Backstage's theme) unless told.
      expect(
        control.closest('.MuiRadio-root, .MuiCheckbox-root')!.className,
      ).toMatch(/Mui(Radio|Checkbox)-colorPrimary/);
    }
  });

  it('has none with every field’s problem shown', async () => {
    await openEditor();
    await userEvent.click(
      screen.getByRole('radio', { name: 'Latency threshold' }),
    );
    await userEvent.click(
      screen.getByRole('radio', { name: 'Share of the budget within a time' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Add policy' }));
    await userEvent.click(
      screen.getByRole('checkbox', { name: /^Business hours only/ }),
    );
    await choose(/^Window\b/, 'Calendar');
    fireEvent.change(screen.getByLabelText(/^Objective/), {
      target: { value: '120' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(
      (await screen.findAllByText(/within: a duration such as 24h/)).length,
    ).toBe(2);
    expect(await seriousViolations()).toEqual([]);
  });

  it('has none with a select marked invalid (the metric source, none chosen of two)', async () => {
    await openEditor(undefined, [
      ...sources,
      { ...sources[0], name: 'backup' },
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(
      await screen.findByRole('button', { name: /^Metric source/ }),
    ).toHaveAttribute('aria-invalid', 'true');
    expect(await seriousViolations()).toEqual([]);
  });

  it('has none with a bad-event SLI, timeslices and budget-term policies', async () => {
    await openEditor();
    await userEvent.click(
      screen.getByRole('radio', { name: 'Ratio: bad ÷ total' }),
    );
    await choose(/^Budgeting method\b/, 'Time slices');
    await userEvent.click(
      screen.getByRole('radio', { name: 'Share of the budget within a time' }),
    );
    expect(screen.getByLabelText(/^Policy 1 budget %/)).toBeInTheDocument();
    expect(await seriousViolations()).toEqual([]);
  });

  it('has none editing an SLO with burn-rate policies from YAML', async () => {
    await openEditor({
      ...healthySlo,
      alertPolicies: [
        {
          name: 'fast',
          severity: 'page',
          burnRate: 14.4,
          longWindow: '1h',
          shortWindow: '5m',
        },
      ],
    });
    expect(
      screen.getByRole('radio', { name: 'As written, with burn-rate terms' }),
    ).toBeChecked();
    expect(await seriousViolations()).toEqual([]);
  });
});
