import { defineConfig } from 'vitest/config'

// Three projects: unit tests run beside the code with no network; integration and end-to-end
// tests share one real broker, S3 server and Redis per run, provided by test/setup/global-setup.ts.
// Tests read each workspace package's TypeScript source (the `@copydesk/source` export condition), not dist/.
// No 'module' condition: it would send Node to packages' untranspiled dist-es builds (the AWS SDK's).
const conditions = ['@copydesk/source', 'node', 'development|production']
const resolve = { conditions }
const ssr = { resolve: { conditions } }

// On a system Node 20 (a platform without the pinned runtime, see README) the AWS SDK warns once per
// process that its support ends in January 2027; the tests start many processes (which inherit
// this), so the notice is kept out of their output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1'

export default defineConfig({
  resolve,
  ssr,
  test: {
    projects: [
      {
        resolve,
        ssr,
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'services/*/src/**/*.test.ts',
            'test/unit/**/*.test.ts',
            'test/regression/**/*.test.ts',
          ],
          exclude: ['**/*.int.test.ts', '**/*.e2e.test.ts', '**/node_modules/**'],
        },
      },
      {
        resolve,
        ssr,
        test: {
          name: 'int',
          include: ['packages/*/test/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          globalSetup: ['test/setup/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        resolve,
        ssr,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/setup/global-setup.ts'],
          testTimeout: 600_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
