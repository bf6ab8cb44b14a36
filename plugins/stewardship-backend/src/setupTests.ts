// Most suites here start a real backend (catalog, permission backend, databases) inside a test.
// On the 2-core CI machine under the full repo run that takes several seconds, so Jest's default
// of 5 s failed healthy tests (seen: conditionalCatalogPolicy.test.ts at 16 s). Tests that need
// longer still say so themselves.
jest.setTimeout(60_000);

export {};
