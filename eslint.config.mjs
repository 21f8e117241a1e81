// One lint configuration for the whole repository: TypeScript everywhere, React's hook rules on
// the site's components. Formatting is Prettier's job (npm run format), so no style rules here.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NAMES_ITS_FILE = String.raw`/^(\.{1,2}\/|@site\/)(?!.*\.(ts|tsx|mjs|json|css|php|java|svg|png)(\?raw)?$)/`;
const importStyle = ['ImportDeclaration', 'ExportNamedDeclaration', 'ExportAllDeclaration', 'ImportExpression'].map(
  (node) => ({
    selector: `${node}[source.value=${NAMES_ITS_FILE}]`,
    message: 'Import the file with its extension (./name.ts, …/index.tsx).',
  }),
);

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'build/',
      '.docusaurus/',
      '.data/',
      'test-results/',
      'playwright-report/',
      'bench/results/',
      'contract/generated/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // One import style: a relative or @site/ import names its file, extension and all
      // (`./money.ts`, `@site/src/components/CodeTabs/index.tsx`), so tsx, Node, Docusaurus's
      // bundler, Playwright and the reader all find the same file without resolution rules.
      'no-restricted-syntax': ['error', ...importStyle],
      // `_name` marks a parameter or binding that is deliberately unused (a callback's shape).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
