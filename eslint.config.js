// Lint rules, including the layer boundaries: core stays free of Electron/Vue/DOM,
// the renderer never reaches into main-process code.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import globals from 'globals'

const noConsoleOutsideCli = { 'no-console': ['error', { allow: ['warn', 'error'] }] }

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'build/**/*.py', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
    // Prettier formats templates; these layout rules of vue/recommended contradict its output.
    rules: {
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/html-indent': 'off',
    },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      ...noConsoleOutsideCli,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*', 'electron-store'],
              message: 'core must not depend on Electron',
            },
            {
              group: ['vue', 'dexie', '@kitware/*'],
              message: 'core must not depend on the renderer stack',
            },
            {
              group: ['**/main/**', '**/preload/**', '**/host/**', '**/renderer/**', '**/cli/**'],
              message: 'core is the bottom layer',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'node:*', 'vue', '**/main/**', '**/host/**', '**/renderer/**'],
              message: 'the API contract imports nothing platform-specific',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...noConsoleOutsideCli,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            // A regex for the electron package: the group 'electron' would also match ../electron/api.
            {
              regex: '^electron(/|$)',
              message: 'the renderer reaches main only through the API client',
            },
            {
              group: [
                'node:*',
                '**/electron/main/**',
                '**/electron/host/**',
                '**/electron/core/**',
              ],
              message: 'the renderer reaches main only through the API client',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts', 'electron/host/**/*.ts'],
    rules: noConsoleOutsideCli,
  },
)
