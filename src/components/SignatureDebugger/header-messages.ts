/** What is wrong with a pasted header, in the page's language. */
import { translate } from '@docusaurus/Translate';
import type { HeaderError } from '@site/src/lib/signature-header.ts';

export function headerErrorText(e: HeaderError): string {
  switch (e.kind) {
    case 'empty':
      return translate({ id: 'sigdbg.err.empty', message: '签名头是空的。' });
    case 'whitespace':
      return translate(
        { id: 'sigdbg.err.whitespace', message: '第 {column} 个字符是空白：签名头里不能有空格（例如逗号后）。' },
        { column: e.column },
      );
    case 'malformed_part':
      return translate(
        { id: 'sigdbg.err.malformedPart', message: '“{part}”不是“键=值”的形式（多了一个逗号？）。' },
        { part: e.part },
      );
    case 'unknown_key':
      return translate(
        { id: 'sigdbg.err.unknownKey', message: '不认识的键“{key}”：只有 t 和 v1（小写）。' },
        { key: e.key },
      );
    case 'missing_t':
      return translate({ id: 'sigdbg.err.missingT', message: '缺少 t=<unix 秒>。' });
    case 't_not_first':
      return translate({ id: 'sigdbg.err.tNotFirst', message: 't 必须在最前面：t=…,v1=…。' });
    case 'duplicate_t':
      return translate({ id: 'sigdbg.err.duplicateT', message: 't 出现了不止一次。' });
    case 't_not_number':
      return translate(
        { id: 'sigdbg.err.tNotNumber', message: 't 必须是 unix 秒数（只有数字），而不是“{value}”。' },
        { value: e.value },
      );
    case 'no_v1':
      return translate({ id: 'sigdbg.err.noV1', message: '没有 v1=<签名>。' });
    case 'v1_not_hex':
      return translate(
        { id: 'sigdbg.err.v1NotHex', message: '第 {n} 个 v1 含有十六进制以外的字符。' },
        { n: e.index + 1 },
      );
    case 'v1_length':
      return translate(
        { id: 'sigdbg.err.v1Length', message: '第 {n} 个 v1 有 {length} 个字符，应为 64 个（SHA-256 的十六进制）。' },
        { n: e.index + 1, length: e.length },
      );
    case 'v1_uppercase':
      return translate(
        {
          id: 'sigdbg.err.v1Uppercase',
          message: '第 {n} 个 v1 含大写字母：沙箱发送小写十六进制，文档中的校验代码只接受小写。',
        },
        { n: e.index + 1 },
      );
  }
}
