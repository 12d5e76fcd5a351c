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

module.exports = {
    collectCoverageFrom: ['force-app/**/lwc/**/*.ts', 'src/**/*.ts', '!**/__tests__/**', '!**/*.d.ts'],
    coverageReporters: ['text-summary', 'lcov'],
    projects: [
        {
            ...jestConfig,
            displayName: 'lwc',
            roots: roots('force-app'),
            setupFilesAfterEnv: ['<rootDir>/test/support/sa11y-setup.ts'],
            modulePathIgnorePatterns: ['<rootDir>/.localdevserver']
        },
        {
            ...nodeProject,
            displayName: 'core',
            roots: roots('src', 'scripts', 'test/unit', 'test/contract', 'test/checks'),
            testMatch: ['**/*.test.ts']
        },
        {
            ...nodeProject,
            displayName: 'e2e',
            roots: roots('test/e2e'),
            testMatch: ['**/*.e2e.ts']
        }
    ]
};
