import {
  mapServerErrors,
  namesTakenProblems,
  splitProblems,
} from './serverErrors';
import { fieldKeys, toFormState } from './sloForm';

// Messages as the backend answered them (captured from the real router and SloService).
const SPEC_MESSAGE =
  "request/body/sli must have required property 'good', request/body/sli must have required property 'bad', request/body/sli must match exactly one schema in oneOf, request/body/objective must be < 1, request/body/timeWindow/duration must match pattern \"^([0-9]+[smhdw])+$\"";
const DOMAIN_MESSAGE =
  'Invalid SLO:\nmetricSource: no metric source "nope" is configured under stewardship.metricSources (configured: prom)\nalertPolicies[1].burnRate: 80 is above the maximum possible burn rate 10';

describe('server errors', () => {
  it("places the backend's narrowed oneOf problems under their field", () => {
    // As the backend now answers a ratio SLI with neither good nor bad, and a policy's one field.
    expect(
      splitProblems(
        'request/body/sli must have the fields of one of: {good}, {bad}, request/body/alertPolicies/0/budgetPercent must be > 0',
      ),
    ).toEqual([
      { path: 'sli', message: 'must have the fields of one of: {good}, {bad}' },
      { path: 'alertPolicies.0.budgetPercent', message: 'must be > 0' },
    ]);
  });

  it('splits spec-validation problems, a comma inside a message included', () => {
    expect(splitProblems(SPEC_MESSAGE)).toEqual([
      { path: 'sli.good', message: 'Required' },
      { path: 'sli.bad', message: 'Required' },
      { path: 'sli', message: 'must match exactly one schema in oneOf' },
      { path: 'objective', message: 'must be < 1' },
      {
        path: 'timeWindow.duration',
        message: 'must match pattern "^([0-9]+[smhdw])+$"',
      },
    ]);
    expect(
      splitProblems("request/body must have required property 'name'"),
    ).toEqual([{ path: 'name', message: 'Required' }]);
  });

  it('maps spec problems to the fields the form shows, hidden parts to their parent', () => {
    const state = toFormState(); // good ÷ total, rolling window
    expect(mapServerErrors(SPEC_MESSAGE, fieldKeys(state))).toEqual({
      fields: {
        'sli.good': 'Required',
        sli: 'bad: Required; must match exactly one schema in oneOf',
        objective: 'must be < 1',
        'timeWindow.duration': 'must match pattern "^([0-9]+[smhdw])+$"',
      },
      unmatched: [],
    });
  });

  it('maps domain problems by path, indices included, and keeps the rest for above the form', () => {
    const state = {
      ...toFormState(),
      alertMode: 'budget' as const,
      budgetPolicies: [
        {
          severity: 'page' as const,
          budgetPercent: '2',
          within: '1h',
          shortWindow: '',
          name: '',
        },
        {
          severity: 'ticket' as const,
          budgetPercent: '10',
          within: '3d',
          shortWindow: '',
          name: '',
        },
      ],
    };
    expect(mapServerErrors(DOMAIN_MESSAGE, fieldKeys(state))).toEqual({
      fields: {
        metricSource:
          'no metric source "nope" is configured under stewardship.metricSources (configured: prom)',
        'alertPolicies.1':
          'burnRate: 80 is above the maximum possible burn rate 10',
      },
      unmatched: [],
    });
    expect(
      mapServerErrors(
        'Invalid SLO:\n(root): entityRef component:default/ghost is not in the catalog\nlabels.tier: too long\nminEvents: must be an integer',
        fieldKeys(state),
      ),
    ).toEqual({
      // The form edits labels; it has no field for minEvents.
      fields: { labels: 'tier: too long' },
      unmatched: [
        '(root): entityRef component:default/ghost is not in the catalog',
        'minEvents: must be an integer',
      ],
    });
    expect(mapServerErrors('Something else broke', ['name'])).toEqual({
      fields: {},
      unmatched: ['Something else broke'],
    });
  });
});

describe('namesTakenProblems', () => {
  it("reads an import's 409 as a problem per name, without the stored SLOs' ids", () => {
    // As the backend writes it (importNamesFree.ts).
    const message =
      'SLO names already taken:\n' +
      'document 1: slos[0].name: component:default/checkout already has an SLO named "availability" (id 0b7c5d36-5a8e-4f1e-9a7e-3c2d1e0f9a88). Choose another name.\n' +
      'document 2: spec.name: component:default/cart already has an SLO named "latency" (id 9d0e8f7a-2b3c-4d5e-8f9a-0b1c2d3e4f5a). Choose another name.';
    expect(namesTakenProblems(message)).toEqual([
      'document 1: slos[0].name: component:default/checkout already has an SLO named "availability". Choose another name.',
      'document 2: spec.name: component:default/cart already has an SLO named "latency". Choose another name.',
    ]);
    expect(
      namesTakenProblems(
        'name: component:default/x already has an SLO named "y" (id 1)',
      ),
    ).toBeUndefined();
    expect(namesTakenProblems('SLO names already taken:\n')).toBeUndefined();
  });
});
