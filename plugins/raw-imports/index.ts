/**
 * `import text from '@site/examples/php/merchant.php?raw'` gives a page the file's text as a
 * string (webpack's built-in asset/source, no loader package). The guides show the programs in
 * examples/ this way, so each program is written once for both locales and tests/samples runs
 * the very same file.
 */
import type { Plugin } from '@docusaurus/types';

export default function rawImports(): Plugin {
  return {
    name: 'juyifu-raw-imports',
    configureWebpack() {
      return { module: { rules: [{ resourceQuery: /^\?raw$/, type: 'asset/source' }] } };
    },
  };
}
