const fs = require('node:fs');
const path = require('node:path');
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

// Roots that do not exist yet would make Jest refuse to start.
const existing = (...dirs) =>
    dirs.filter((dir) => fs.existsSync(path.join(__dirname, dir))).map((dir) => `<rootDir>/${dir}`);

const nodeProject = {
    testEnvironment: 'node',
    transform: { '^.+\\.[cm]?[tj]s$': '<rootDir>/test/support/esbuild-transform.cjs' },
    transformIgnorePatterns: ['/node_modules/'],
    moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json']
};

module.exports = {
    collectCoverageFrom: ['force-app/**/lwc/**/*.ts', 'src/**/*.ts', '!**/__tests__/**', '!**/*.d.ts'],
    coverageReporters: ['text-summary', 'lcov'],
    projects: [
        {
            ...jestConfig,
            displayName: 'lwc',
            roots: ['<rootDir>/force-app'],
            setupFilesAfterEnv: ['<rootDir>/test/support/sa11y-setup.ts'],
            modulePathIgnorePatterns: ['<rootDir>/.localdevserver']
        },
        {
            ...nodeProject,
            displayName: 'core',
            roots: existing('src', 'scripts', 'test/unit', 'test/contract', 'test/checks'),
            testMatch: ['**/*.test.ts']
        },
        {
            ...nodeProject,
            displayName: 'e2e',
            roots: existing('test/e2e'),
            testMatch: ['**/*.e2e.ts']
        }
    ]
};
