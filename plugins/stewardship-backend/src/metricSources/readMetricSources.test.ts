import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import {
  MetricSource,
  MetricSourceFactory,
} from '@stewardship/backstage-plugin-stewardship-node';
import { datadogMetricSourceFactory } from './DatadogMetricSource';
import {
  PrometheusMetricSource,
  prometheusMetricSourceFactory,
} from './PrometheusMetricSource';
import { readMetricSources } from './readMetricSources';

const factories = new Map<string, MetricSourceFactory>([
  ['prometheus', prometheusMetricSourceFactory],
  ['datadog', datadogMetricSourceFactory],
]);

describe('readMetricSources', () => {
  it('creates each configured source with the factory of its type, its name and its own config', () => {
    const created: Array<{ name: string; url: string }> = [];
    const custom: MetricSourceFactory = {
      type: 'custom',
      create: ({ name, config }) => {
        created.push({ name, url: config.getString('url') });
        return {} as MetricSource;
      },
    };
    const sources = readMetricSources(
      new ConfigReader({
        stewardship: {
          metricSources: {
            main: { type: 'prometheus', baseUrl: 'http://prometheus:9090' },
            other: { type: 'custom', url: 'http://other' },
          },
        },
      }),
      new Map([...factories, ['custom', custom]]),
      mockServices.logger.mock(),
    );

    expect([...sources.keys()]).toEqual(['main', 'other']);
    expect(sources.get('main')).toBeInstanceOf(PrometheusMetricSource);
    expect(created).toEqual([{ name: 'other', url: 'http://other' }]);
  });

  it('reads no sources when none are configured', () => {
    expect(
      readMetricSources(
        new ConfigReader({}),
        factories,
        mockServices.logger.mock(),
      ).size,
    ).toBe(0);
  });

  it('names the source and the known types for an unknown type', () => {
    expect(() =>
      readMetricSources(
        new ConfigReader({
          stewardship: { metricSources: { legacy: { type: 'graphite' } } },
        }),
        factories,
        mockServices.logger.mock(),
      ),
    ).toThrow(
      'Unknown type "graphite" of metric source "legacy" at stewardship.metricSources.legacy.type; known types: datadog, prometheus',
    );
  });

  describe.each([
    ['prometheus', { baseUrl: 'http://prometheus:9090' }],
    ['datadog', { apiKey: 'api-key', applicationKey: 'app-key' }],
  ])('a %s source', (type, required) => {
    const read = (timeout: JsonValue) =>
      readMetricSources(
        new ConfigReader({
          stewardship: {
            metricSources: { [`my-${type}`]: { type, ...required, timeout } },
          },
        }),
        factories,
        mockServices.logger.mock(),
      );
    const key = `stewardship.metricSources.my-${type}.timeout`;

    it('reads its timeout as a duration', () => {
      expect(read('5s').size).toBe(1);
      expect(read({ seconds: 5 }).size).toBe(1);
    });

    it('names the full key of a timeout without a unit, as every duration key does', () => {
      expect(() => read(30)).toThrow(
        `Invalid ${key}: 30 is a number without a unit; write a duration, e.g. '30s' or '30m'`,
      );
    });

    it('names the full key of a timeout that is not a duration or not positive', () => {
      expect(() => read('soon')).toThrow(
        `Invalid ${key}: Invalid duration 'soon'`,
      );
      expect(() => read(true)).toThrow(`Invalid ${key}: expected a duration`);
      expect(() => read('0s')).toThrow(`${key} must be longer than zero`);
    });
  });

  it('reports a source without a type', () => {
    expect(() =>
      readMetricSources(
        new ConfigReader({
          stewardship: { metricSources: { x: { baseUrl: 'http://p' } } },
        }),
        factories,
        mockServices.logger.mock(),
      ),
    ).toThrow(
      /Missing required config value at 'stewardship.metricSources.x.type'/,
    );
  });
});
