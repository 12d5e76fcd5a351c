const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

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
            roots: [
                '<rootDir>/src',
                '<rootDir>/test/unit',
                '<rootDir>/test/contract',
                '<rootDir>/test/checks'
            ],
            testMatch: ['**/*.test.ts']
        },
        {
            ...nodeProject,
            displayName: 'e2e',
            roots: ['<rootDir>/test/e2e'],
            testMatch: ['**/*.e2e.ts']
        }
    ]
};
