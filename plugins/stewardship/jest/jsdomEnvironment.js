/*
 * The plugin's Jest environment: the jsdom environment Backstage's CLI would pick, with jsdom's
 * style cascade indexed (./indexStyleRules.js: the same computed styles from far fewer selector
 * matches). The `jest.testEnvironment` of this package's package.json names this file, and so do
 * those of every other package Backstage's CLI tests in jsdom (its roles frontend and
 * common-library: packages/app, packages/app-next, plugins/stewardship-common): a Jest worker runs
 * test files of every package, and once Backstage's own environment has loaded jsdom in a worker,
 * it is too late to index it there.
 *
 * A test file with the docblock `@jest-environment-options {"exposeStyleIndex": true}` finds
 * jsdom's cascade and the indexed one on `globalThis.stewardshipStyleIndex`, to compare them.
 */
'use strict';

const path = require('node:path');
const {
  getJestEnvironment,
} = require('@backstage/cli/config/getJestEnvironment');
const { indexStyleRulesOfJsdom } = require('./indexStyleRules');

const environmentPath = getJestEnvironment();
// The jsdom that environment loads, patched before it loads it.
const styleIndex = indexStyleRulesOfJsdom(
  path.dirname(
    require.resolve('jsdom/package.json', {
      paths: [path.dirname(environmentPath)],
    }),
  ),
);
const environment = require(environmentPath);
// Backstage's own environment (Jest 30) is the class; jest-environment-jsdom (Jest 29) exports it.
const BackstageJsdomEnvironment =
  environment.TestEnvironment ?? environment.default ?? environment;

class StewardshipJsdomEnvironment extends BackstageJsdomEnvironment {
  constructor(config, context) {
    super(config, context);
    if (config.projectConfig.testEnvironmentOptions?.exposeStyleIndex) {
      this.global.stewardshipStyleIndex = styleIndex;
    }
  }
}

module.exports = StewardshipJsdomEnvironment;
