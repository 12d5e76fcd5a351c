const fs = require('node:fs');
const path = require('node:path');
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

// Every test root must exist: a root dropped in silence would drop its tests from a green run.
const roots = (...dirs) => {
    const missing = dirs.filter((dir) => !fs.existsSync(path.join(__dirname, dir)));
    if (missing.length > 0) {
        throw new Error(`jest.config.js: test root ${missing.join(', ')} does not exist in ${__dirname}`);
    }
    return dirs.map((dir) => `<rootDir>/${dir}`);
};

const nodeProject = {
    testEnvironment: 'node',
    transform: { '^.+\\.[cm]?[tj]s$': '<rootDir>/test/support/esbuild-transform.cjs' },
    // jose ships ES modules only; Jest runs CommonJS, so it goes through the same transform.
    transformIgnorePatterns: ['/node_modules/(?!jose/)'],
    moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json']
};

// A unit test opens no socket, starts no server and spawns no process (test/support/unitGuard.ts).
const unitGuard = '<rootDir>/test/support/unitGuard.ts';

// Four projects, by what a test needs to run:
//   unit         nothing but the code: src/**/__tests__ and the LWC components (two entries, one name)
//   integration  TLS, servers, the simulators, the emulated Open CTI: test/integration, test/contract,
//                src/**/__tests__/*.integration.test.ts
//   e2e          Chromium: test/e2e
//   tools        the CLIs, the platform checks and the documents: test/tools, src/**/__tests__/*.tools.test.ts
module.exports = {
    collectCoverageFrom: ['force-app/**/lwc/**/*.ts', 'src/**/*.ts', '!**/__tests__/**', '!**/*.d.ts'],
    coverageReporters: ['text-summary', 'lcov'],
    // V8's own counters: the code under test runs as written, so a test that reads stack frames (eventRoute)
    // sees the same names with coverage on.
    coverageProvider: 'v8',
    projects: [
        {
            ...jestConfig,
            displayName: 'unit',
            roots: roots('force-app'),
            setupFilesAfterEnv: ['<rootDir>/test/support/sa11y-setup.ts', unitGuard],
            modulePathIgnorePatterns: ['<rootDir>/.localdevserver']
        },
        {
            ...nodeProject,
            displayName: 'unit',
            roots: roots('src'),
            testMatch: ['**/__tests__/**/*.test.ts', '!**/*.integration.test.ts', '!**/*.tools.test.ts'],
            setupFilesAfterEnv: [unitGuard]
        },
        {
            ...nodeProject,
            displayName: 'integration',
            roots: roots('src', 'test/integration', 'test/contract'),
            testMatch: [
                '<rootDir>/test/integration/**/*.test.ts',
                '<rootDir>/test/contract/**/*.test.ts',
                '**/__tests__/**/*.integration.test.ts'
            ]
        },
        {
            ...nodeProject,
            displayName: 'e2e',
            roots: roots('test/e2e'),
            testMatch: ['**/*.e2e.ts']
        },
        {
            ...nodeProject,
            displayName: 'tools',
            roots: roots('src', 'test/tools'),
            // The platform checks run in the test's process; the LWC platform compiler ships ES modules.
            transformIgnorePatterns: ['/node_modules/(?!(jose|@lwc)/)'],
            testMatch: ['<rootDir>/test/tools/**/*.test.ts', '**/__tests__/**/*.tools.test.ts']
        }
    ]
};
