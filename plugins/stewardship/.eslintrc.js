module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  restrictedImports: [
    {
      // The plugin supports React 16 and 17 (peerDependencies): React 18's hooks are not there.
      name: 'react',
      importNames: [
        'useId',
        'useTransition',
        'useDeferredValue',
        'useSyncExternalStore',
        'useInsertionEffect',
      ],
      message:
        'React 18 only; the plugin supports React 16 and 17. For ids use ../useStableId.',
    },
  ],
  testRules: {
    // Shared assertions (__testUtils__/discardQuestion.ts) are named expect…: a test that only
    // calls one asserts.
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'expect[A-Z]*'] },
    ],
  },
});
