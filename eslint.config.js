const { defineConfig } = require('eslint/config');
const lwcConfig = require('@salesforce/eslint-config-lwc/recommended-ts');
const tseslint = require('typescript-eslint');
const globals = require('globals');

const unusedVars = ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }];

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
        files: ['test/**/*.ts', 'src/**/__tests__/**/*.ts'],
        languageOptions: { globals: { ...globals.jest } }
    },
    {
        files: ['**/*.mjs', '**/*.cjs', '*.js', 'scripts/**/*.js', '.ci/**/*.js'],
        languageOptions: { globals: { ...globals.node } }
    }
]);
