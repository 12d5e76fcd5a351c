const { defineConfig } = require('eslint/config');
const lwcConfig = require('@salesforce/eslint-config-lwc/recommended-ts');
const tseslint = require('typescript-eslint');
const globals = require('globals');

const unusedVars = ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }];

/** Nothing under src/ imports the build and tool scripts: what it needs lives in src. */
const SCRIPT_IMPORTS = {
    regex: '(^|/)scripts(/|$)',
    message: 'Nothing under src/ imports scripts/: move what it needs into src.'
};
/** The stand-ins (src/stand-ins) are for tests and the workbench. */
const STAND_IN_IMPORTS = {
    regex: '(^|/)stand-ins(/|$)',
    message:
        'Product code (src/core, src/server, src/bridge, src/voice, the LWC panel) must not import a stand-in (src/stand-ins).'
};

module.exports = defineConfig([
    {
        ignores: [
            '**/lwc/**/*.js',
            '**/staticresources/**',
            'node_modules/**',
            'coverage/**',
            'dist/**',
            'out/**',
            '.build/**',
            'docs/screenshots/**'
        ]
    },
    {
        files: ['**/lwc/**/*.ts'],
        extends: [lwcConfig, tseslint.configs.recommended],
        languageOptions: { parser: tseslint.parser },
        rules: { '@typescript-eslint/no-unused-vars': unusedVars }
    },
    {
        files: ['**/lwc/**/__tests__/**/*.ts'],
        languageOptions: { globals: { ...globals.node, ...globals.jest } },
        rules: {
            '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off',
            '@typescript-eslint/no-explicit-any': 'off',
            '@typescript-eslint/no-require-imports': 'off'
        }
    },
    {
        files: ['src/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts', 'types/**/*.ts'],
        extends: [tseslint.configs.recommended],
        languageOptions: {
            parser: tseslint.parser,
            globals: { ...globals.node, ...globals.browser }
        },
        rules: { '@typescript-eslint/no-unused-vars': unusedVars }
    },
    {
        // The telephony core knows no Salesforce API, so that a second host (src/voice) can use it:
        // nothing in it, nor in that host, imports the Open CTI host, the LWC panel or sforce.
        files: ['src/core/suite/**/*.ts', 'src/core/telephony/**/*.ts', 'src/voice/**/*.ts'],
        rules: {
            'no-restricted-imports': [
                'error',
                {
                    patterns: [
                        {
                            regex: '(^|/)opencti-host(/|$)',
                            message:
                                'The telephony core (and src/voice) must not import the Open CTI host (src/core/opencti-host).'
                        },
                        {
                            regex: '(^|/)(force-app|lwc)(/|$)|^c/|^lightning/|^@salesforce/(?!scv-connector-base$)',
                            message: 'The telephony core (and src/voice) must not import the LWC panel.'
                        }
                    ]
                }
            ],
            'no-restricted-globals': [
                'error',
                {
                    name: 'sforce',
                    message: 'The telephony core (and src/voice) must not use Open CTI (sforce).'
                }
            ],
            'no-restricted-properties': [
                'error',
                {
                    object: 'window',
                    property: 'sforce',
                    message: 'The telephony core must not use Open CTI (sforce).'
                },
                {
                    object: 'globalThis',
                    property: 'sforce',
                    message: 'The telephony core must not use Open CTI (sforce).'
                }
            ]
        }
    },
    {
        // The TypeScript variant of no-restricted-imports, so that these rules add to the telephony
        // core's own no-restricted-imports above instead of replacing it for the files both cover.
        files: ['src/**/*.ts'],
        rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [SCRIPT_IMPORTS] }] }
    },
    {
        files: [
            'src/core/**/*.ts',
            'src/server/**/*.ts',
            'src/bridge/**/*.ts',
            'src/voice/**/*.ts',
            'force-app/**/lwc/**/*.ts'
        ],
        ignores: ['**/__tests__/**'],
        rules: {
            '@typescript-eslint/no-restricted-imports': [
                'error',
                { patterns: [STAND_IN_IMPORTS, SCRIPT_IMPORTS] }
            ]
        }
    },
    {
        // Small modules with one job in the product and its stand-ins: no module over 400 lines,
        // no function over 80 (blank lines and comments aside). Tests are held to their own measure.
        files: ['src/**/*.ts'],
        ignores: ['**/__tests__/**'],
        rules: {
            'max-lines': ['error', { max: 400 }],
            'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }]
        }
    },
    {
        files: ['test/**/*.ts', 'src/**/__tests__/**/*.ts'],
        languageOptions: { globals: { ...globals.jest } }
    },
    {
        files: ['**/*.mjs', '**/*.cjs', '*.js', 'scripts/**/*.js', '.ci/**/*.js'],
        languageOptions: { globals: { ...globals.node } }
    }
]);
