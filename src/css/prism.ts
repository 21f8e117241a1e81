import type { PrismTheme } from 'prism-react-renderer';

/**
 * Code colours that pass WCAG AA (4.5:1) on their own backgrounds, light and dark: the bundled
 * Prism themes do not (axe flags them), and code is most of what an API page shows.
 */
export const lightCode: PrismTheme = {
  plain: { color: '#1f2328', backgroundColor: '#f6f8fa' },
  styles: [
    { types: ['comment', 'prolog', 'doctype', 'cdata'], style: { color: '#57606a', fontStyle: 'italic' } },
    { types: ['string', 'attr-value', 'char', 'regex', 'inserted'], style: { color: '#0a3069' } },
    { types: ['keyword', 'atrule', 'important', 'deleted'], style: { color: '#b31d28' } },
    { types: ['function', 'class-name', 'builtin'], style: { color: '#6639ba' } },
    { types: ['number', 'boolean', 'constant', 'symbol'], style: { color: '#0550ae' } },
    { types: ['property', 'tag', 'selector', 'attr-name'], style: { color: '#116329' } },
    { types: ['variable', 'parameter'], style: { color: '#953800' } },
    { types: ['operator', 'punctuation', 'entity', 'url'], style: { color: '#1f2328' } },
  ],
};

export const darkCode: PrismTheme = {
  plain: { color: '#e6edf3', backgroundColor: '#161b22' },
  styles: [
    { types: ['comment', 'prolog', 'doctype', 'cdata'], style: { color: '#9ea7b3', fontStyle: 'italic' } },
    { types: ['string', 'attr-value', 'char', 'regex', 'inserted'], style: { color: '#a5d6ff' } },
    { types: ['keyword', 'atrule', 'important', 'deleted'], style: { color: '#ff7b72' } },
    { types: ['function', 'class-name', 'builtin'], style: { color: '#d2a8ff' } },
    { types: ['number', 'boolean', 'constant', 'symbol'], style: { color: '#79c0ff' } },
    { types: ['property', 'tag', 'selector', 'attr-name'], style: { color: '#7ee787' } },
    { types: ['variable', 'parameter'], style: { color: '#ffa657' } },
    { types: ['operator', 'punctuation', 'entity', 'url'], style: { color: '#d1d9e0' } },
  ],
};
